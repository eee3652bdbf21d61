/** Outputs and their analysis: hnn-core's Dipole and CellResponse, and spectral estimates. */
export * from "./dipole";
export * from "./cellResponse";
export * from "./spectral";
