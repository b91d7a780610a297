import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/** The chart's own font family: DejaVu Sans from an npm package, so text renders on a machine with no fonts. */
export const CHART_FONT = 'RM Chart Sans';

let registered = false;

export function registerChartFont(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), CHART_FONT);
  registered = true;
}
