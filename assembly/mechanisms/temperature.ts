// The run's temperature, set by initialize before the rate tables are built, and the factor shared
// by the mechanisms written at 23 °C with q10 2.3 and tshift 30.7 (km.mod, ca.mod, kca.mod:
// tadj = q10^((celsius − temp − tshift)/10)).

/** °C of the current run. */
export let celsius: f64 = 0.0;

/** tadj of km, ca and kca; 0.2488367461978179 at 37 °C (CHANNELS.md §km). */
export let tadjK: f64 = 0.0;

export function setCelsius(degrees: f64): void {
  celsius = degrees;
  tadjK = Math.pow(2.3, (degrees - 23.0 - 30.7) / 10.0);
}
