// The example portal's only script: it hands the element what the user chose and shows the counts the
// element reports. Everything else is the element's (pkg/element.js).
import { accept } from '../pkg/element.js';
import { exampleText } from '../pkg/selfeval.js';

const form = document.getElementById('form');
const counts = document.getElementById('counts');
form.addEventListener('report', ({ detail: report }) => {
  const c = report.counts;
  counts.textContent = `${report.sheets.length} 张自评表：错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
});
form.addEventListener('failure', ({ detail: error }) => {
  counts.textContent = `无法读取：${error.message}`;
});
accept.then((kinds) => (document.getElementById('file').accept = kinds));
document.getElementById('file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (file) await form.loadFile(file).catch((error) => (counts.textContent = `无法读取：${error.message}`));
});
document.getElementById('example').addEventListener('click', () => {
  form.text = exampleText();
});
