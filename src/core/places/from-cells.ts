/** Most hotspot cells one place may be made of (400 cells of 250 m is 25 km², a whole district). */
export const PLACE_FROM_CELLS_MAX = 400;
