//! The RC4 encryption of an `.xls` workbook stream ([MS-XLS] 2.2.10, [MS-OFFCRYPTO] 2.3.6): undone
//! when the password is Excel's default, `VelvetSweatshop`, which Excel uses without asking anyone
//! (a workbook saved "write-protected" is encrypted with it). A password a person chose is not
//! guessed: such a file is refused as encrypted.

use md5::{Digest, Md5};
use rc4::{KeyInit, Rc4, StreamCipher};

/// The password Excel encrypts with when none was set.
const DEFAULT_PASSWORD: &str = "VelvetSweatshop";
/// Records that are never encrypted, their data included.
const PLAIN: [u16; 7] = [0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0138, 0x0196];
const BOUNDSHEET: u16 = 0x0085;
/// The stream is encrypted in blocks of this size, each with a key of its own.
const BLOCK: usize = 1024;

/// The RC4 parameters of a FILEPASS record's data, when it is RC4 (type 1, version 1.1).
pub struct Rc4Header {
    salt: [u8; 16],
    verifier: [u8; 16],
    verifier_hash: [u8; 16],
}

impl Rc4Header {
    pub fn parse(data: &[u8]) -> Option<Self> {
        let version = data.get(..6)?;
        if version != [1, 0, 1, 0, 1, 0] {
            return None;
        }
        let field = |at: usize| data.get(at..at + 16).and_then(|s| s.try_into().ok());
        Some(Rc4Header { salt: field(6)?, verifier: field(22)?, verifier_hash: field(38)? })
    }

    /// The key derived from the default password, when it is the file's.
    pub fn default_key(&self) -> Option<Key> {
        let key = Key::new(DEFAULT_PASSWORD, &self.salt);
        let mut check = [self.verifier, self.verifier_hash].concat();
        key.block(0).apply_keystream(&mut check);
        (Md5::digest(&check[..16]).as_slice() == &check[16..]).then_some(key)
    }
}

/// The part of a key common to every block: the first five bytes of the salted password's digest.
pub struct Key([u8; 5]);

impl Key {
    fn new(password: &str, salt: &[u8; 16]) -> Self {
        let utf16: Vec<u8> = password.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let first = Md5::digest(&utf16);
        let mut salted = Vec::with_capacity(16 * 21);
        for _ in 0..16 {
            salted.extend_from_slice(&first[..5]);
            salted.extend_from_slice(salt);
        }
        let digest = Md5::digest(&salted);
        Key([digest[0], digest[1], digest[2], digest[3], digest[4]])
    }

    /// The cipher of block `n`.
    fn block(&self, n: u32) -> Rc4<rc4::consts::U16> {
        let digest = Md5::new().chain_update(self.0).chain_update(n.to_le_bytes()).finalize();
        Rc4::new(&digest)
    }

    /// The workbook stream decrypted in place: every record's data but the plain records' and a
    /// BOUNDSHEET's stream offset; the keystream runs over the stream's own positions, headers
    /// included.
    pub fn decrypt(&self, stream: &mut [u8]) {
        let mut encrypted = vec![false; stream.len()];
        let mut at = 0;
        while let Some(head) = stream.get(at..at + 4) {
            let kind = u16::from_le_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let data = (at + 4).min(stream.len())..(at + 4 + len).min(stream.len());
            if !PLAIN.contains(&kind) {
                let from = if kind == BOUNDSHEET { data.start + 4 } else { data.start };
                encrypted[from.min(data.end)..data.end].fill(true);
            }
            at += 4 + len;
        }
        for (n, (block, mask)) in stream.chunks_mut(BLOCK).zip(encrypted.chunks(BLOCK)).enumerate() {
            let mut keystream = [0u8; BLOCK];
            self.block(n as u32).apply_keystream(&mut keystream);
            for ((byte, key), &on) in block.iter_mut().zip(keystream).zip(mask) {
                if on {
                    *byte ^= key;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream encrypted here the way Excel does it reads back as it was.
    #[test]
    fn default_password_round_trip() {
        let salt = [7u8; 16];
        let key = Key::new(DEFAULT_PASSWORD, &salt);
        let verifier = [3u8; 16];
        let mut sealed = [verifier.as_slice(), Md5::digest(verifier).as_slice()].concat();
        key.block(0).apply_keystream(&mut sealed);
        let data = [[1, 0, 1, 0, 1, 0].as_slice(), &salt, &sealed].concat();
        let header = Rc4Header::parse(&data).unwrap();
        assert!(header.default_key().is_some());
        // Another password's verifier does not open with the default one.
        let mut other = [verifier.as_slice(), Md5::digest(verifier).as_slice()].concat();
        Key::new("秘密", &salt).block(0).apply_keystream(&mut other);
        let data = [[1, 0, 1, 0, 1, 0].as_slice(), &salt, &other].concat();
        assert!(Rc4Header::parse(&data).unwrap().default_key().is_none());
        // XOR obfuscation (type 0) and CryptoAPI (version 2.2 and up) are not this.
        assert!(Rc4Header::parse(&[0, 0, 1, 0, 1, 0]).is_none());
        assert!(Rc4Header::parse(&[[1, 0, 2, 0, 2, 0].as_slice(), &[0; 48]].concat()).is_none());
    }

    /// Headers, the plain records and a BOUNDSHEET's offset stay as they are; every other byte of
    /// data is changed, across block boundaries, and changed back the same way.
    #[test]
    fn what_is_encrypted_and_what_is_not() {
        let record =
            |kind: u16, data: &[u8]| [kind.to_le_bytes().as_slice(), &(data.len() as u16).to_le_bytes(), data].concat();
        let plain = [
            record(0x0809, &[0, 6, 5, 0]),
            record(0x002F, &[1, 0, 1, 0, 1, 0]),
            record(BOUNDSHEET, &[1, 2, 3, 4, 0, 0, 1, b'A']),
            record(0x0204, &[9; 3000]),
        ]
        .concat();
        let key = Key::new(DEFAULT_PASSWORD, &[0; 16]);
        let mut sealed = plain.clone();
        key.decrypt(&mut sealed);
        let unchanged: Vec<usize> = (0..plain.len()).filter(|&i| plain[i] == sealed[i]).collect();
        // BOF and FILEPASS whole, BOUNDSHEET's header and offset, LABEL's header.
        let kept: Vec<usize> = (0..26).chain(30..34).collect();
        assert!(unchanged.starts_with(&kept), "{unchanged:?}");
        // A byte of keystream is 0 once in 256: a few more match by chance, not hundreds.
        assert!(unchanged.len() < kept.len() + 40, "{}", unchanged.len());
        key.decrypt(&mut sealed);
        assert_eq!(sealed, plain);
    }
}
