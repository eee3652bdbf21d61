/** Outputs and their analysis: hnn-core's Dipole and CellResponse, their filters, and spectral estimates. */
export * from "./dipole";
export * from "./filters";
export * from "./cellResponse";
export * from "./fft";
export * from "./spectral";
