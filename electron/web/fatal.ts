import type { ErrorPayload } from '../core/errors.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The clear screen shown instead of the app when it must not run (invalid config, database too new). */
export const fatalPage = {
  css: `body{font-family:system-ui,sans-serif;font-size:22px;line-height:1.5;margin:0;padding:48px;background:#fff7f5;color:#1a1a1a}
main{max-width:900px;margin:auto;background:#fff;border:2px solid #b42318;border-radius:12px;padding:32px}
h1{color:#b42318;font-size:32px;margin-top:0}code{background:#f2f4f7;padding:2px 6px;border-radius:4px;word-break:break-all}`,
  html(error: ErrorPayload): string {
    const where = [error.file ? `<p>Tệp / File: <code>${escape(error.file)}</code></p>` : '', error.field ? `<p>Khóa / Key: <code>${escape(error.field)}</code></p>` : ''].join('');
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Một Cửa — cần quản trị viên</title><link rel="stylesheet" href="/_fatal.css"></head>
<body><main role="alert"><h1>Một Cửa chưa thể chạy</h1><p>${escape(error.message.vi)}</p><p lang="en">${escape(error.message.en)}</p>${where}
<p>Hãy báo quản trị viên CNTT. / Please contact your IT administrator.</p></main></body></html>`;
  },
};
