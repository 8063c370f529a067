// The parent link as a QR code (SVG or PNG) and a printable A4 sheet: one code for the whole
// school, or one per class so a teacher can hand them out at a class meeting.
import QRCode from 'qrcode';
import { getAssignmentRow, type Ctx } from './campaigns.service.ts';
import { AppError } from '../shared/errors.ts';
import { formatLocal } from '../shared/time.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function linkOf(ctx: Ctx, assignmentId: string, publicUrl: string) {
  const row = await getAssignmentRow(ctx, assignmentId);
  if (!row.assignment.publicCode) throw new AppError(409, 'assignment.no_link', 'У отчёта организации нет публичной ссылки');
  return { row, link: `${publicUrl}/s/${row.assignment.publicCode}` };
}

export async function qrSvg(ctx: Ctx, id: string, publicUrl: string) {
  const { link } = await linkOf(ctx, id, publicUrl);
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function qrPng(ctx: Ctx, id: string, publicUrl: string) {
  const { link } = await linkOf(ctx, id, publicUrl);
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
}

// The sheet prints itself when opened. The CSP allows no inline script, so this one script is
// allowed by its hash on this page alone (see the route).
export const PRINT_SCRIPT = "window.onload=()=>{if(!location.search.includes('noprint'))window.print()}";

export async function qrSheet(ctx: Ctx, id: string, publicUrl: string, classes: string[]) {
  const { row, link } = await linkOf(ctx, id, publicUrl);
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const deadline = formatLocal(row.assignment.deadlineAt, row.municipality.timeZone ?? 'Europe/Moscow');
  const labels = classes.length ? classes : [''];
  const cards = labels
    .map((label) => `<section class="card">${label ? `<h2>${esc(label)}</h2>` : ''}<div class="qr">${svg}</div><p class="link">${esc(link)}</p></section>`)
    .join('');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>QR-код: ${esc(row.campaign.title)}</title>
<style>@page{size:A4;margin:12mm}body{font-family:Arial,sans-serif;margin:0}header{margin-bottom:8mm}h1{font-size:18pt;margin:0 0 4mm}
.cards{display:grid;grid-template-columns:${labels.length > 1 ? '1fr 1fr' : '1fr'};gap:8mm}.card{border:1px dashed #999;padding:6mm;text-align:center;break-inside:avoid}
.qr svg{width:${labels.length > 1 ? '55mm' : '120mm'};height:auto}.link{font-size:12pt;word-break:break-all}</style></head>
<body><header><h1>${esc(row.campaign.title)}</h1><p>${esc(row.institution.name)}. Наведите камеру телефона на код или откройте ссылку. Опрос анонимный, 2–3 минуты. Ответы принимаются до ${esc(deadline)}.</p></header>
<div class="cards">${cards}</div><script>${PRINT_SCRIPT}</script></body></html>`;
}
