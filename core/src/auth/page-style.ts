/**
 * The look of the control plane's own pages (the sign-in link's confirm and error pages): the web app's colours in
 * its light and dark schemes, font, header and card (web/src/app.css and its root layout), inline because these
 * pages load nothing (their CSP is `default-src 'none'`, styles inline only) and run no script. Element selectors,
 * so the markup stays bare.
 */
export const PAGE_STYLE = `:root{--bg:#f8fafc;--surface:#fff;--text:#0f172a;--muted:#475569;--border:#e2e8f0;--accent:#047857;\
--accent-strong:#065f46;--danger:#b91c1c;--radius:10px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
color:var(--text);background:var(--bg);line-height:1.5;color-scheme:light dark;--accent-text:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0b1120;--surface:#111827;--text:#e5e7eb;--muted:#9ca3af;\
--border:#273244;--accent:#34d399;--accent-strong:#6ee7b7;--accent-text:#022c22;--danger:#f87171}}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--accent-strong)}
h1{line-height:1.2}
header{display:flex;align-items:center;padding:.75rem 1rem;border-bottom:1px solid var(--border);background:var(--surface)}
header a{font-weight:800;font-size:1.125rem;text-decoration:none;color:var(--text)}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem 3rem}
section{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:1rem 1.25rem}
p{margin:0 0 .75rem}
form{margin:0 0 .75rem}
button{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.5rem 1.25rem;\
border-radius:8px;border:1px solid transparent;background:var(--accent);color:var(--accent-text);font:inherit;\
font-weight:600;cursor:pointer;width:100%;overflow-wrap:anywhere}
button:hover{background:var(--accent-strong)}
:focus-visible{outline:3px solid #34d399;outline-offset:2px}
.muted{color:var(--muted)}
.error{color:var(--danger)}
small{display:block;color:var(--muted);font-size:.8rem}`;
