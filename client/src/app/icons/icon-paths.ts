/**
 * The few Material Symbols (outlined, weight 400, Apache-2.0) the portal uses, as SVG path data
 * in a `0 -960 960 960` viewBox. The self-hosted icon font is ~0.5 MB for a handful of glyphs,
 * and mat-icon's registry pulls HttpClient into the initial bundle; these paths are ~1 kB.
 */
export const ICON_PATHS = {
  menu: 'M120-240v-80h720v80H120Zm0-200v-80h720v80H120Zm0-200v-80h720v80H120Z',
  refresh:
    'M480-160q-134 0-227-93t-93-227q0-134 93-227t227-93q69 0 132 28.5T720-690v-110h80v280' +
    'H520v-80h168q-32-56-87.5-88T480-720q-100 0-170 70t-70 170q0 100 70 170t170 70q77 0 ' +
    '139-44t87-116h84q-28 106-114 173t-196 67Z',
  error:
    'M480-280q17 0 28.5-11.5T520-320q0-17-11.5-28.5T480-360q-17 0-28.5 11.5T440-320q0 17 ' +
    '11.5 28.5T480-280Zm-40-160h80v-240h-80v240Zm40 360q-83 0-156-31.5T197-197q-54-54-85.5' +
    '-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 ' +
    '85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-' +
    '227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z',
} as const;

export type IconName = keyof typeof ICON_PATHS;
