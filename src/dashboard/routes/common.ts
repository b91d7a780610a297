// Answers several routes share.
import type { Ctx } from '../context.js';
import { html } from '../html.js';
import { sendHtml } from '../http/respond.js';
import { BASE, page } from '../pages/layout.js';

/** A coordinator of other programmes asked for this one's pages (docs/coordinators.md). */
export function notYourProgramme(ctx: Ctx): void {
  sendHtml(
    ctx.answer,
    403,
    page({
      title: 'Not your programme',
      viewer: ctx.viewer,
      notice: { kind: 'problem', text: 'This programme is not one you coordinate, so its pages are not shown to you.' },
      body: html`<p><a href="${BASE}/programmes">Back to your programmes</a></p>`,
    }),
  );
}

export function notFound(ctx: Ctx, text = 'There is no such programme or person. It may have been removed.'): void {
  sendHtml(
    ctx.answer,
    404,
    page({
      title: 'Not found',
      viewer: ctx.viewer,
      notice: { kind: 'problem', text },
      body: html`<p><a href="${BASE}/programmes">Back to the programmes</a></p>`,
    }),
  );
}
