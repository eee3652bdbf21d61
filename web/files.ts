/**
 * Files in and out of the page: downloads (text, SVG, PNG drawn through a canvas), what a dropped
 * or picked file is, and the RMSE between the simulated and an experimental dipole.
 */
import type { Dipole } from "../bindings/index";
import type { Figure } from "../bindings/viz/index";

/** Offers `data` as a download named `name`. */
export function download(name: string, data: Blob | string, type = "text/plain"): void {
  const blob = typeof data === "string" ? new Blob([data], { type }) : data;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The figure as PNG (twice its size), drawn from its SVG through a canvas. */
export async function figurePng(fig: Figure): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([fig.toSvg()], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = fig.width * 2;
    canvas.height = fig.height * 2;
    const ctx = canvas.getContext("2d")!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error("the canvas gave no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** What a file is, by its name: a network (hnn-core JSON), legacy params, or dipole data. */
export function fileKind(name: string): "network" | "params" | "data" | null {
  const n = name.toLowerCase();
  if (n.endsWith(".json")) return "network";
  if (n.endsWith(".param")) return "params";
  if (n.endsWith(".txt") || n.endsWith(".csv")) return "data";
  return null;
}

/**
 * Root-mean-square error of the simulated aggregate dipole against the data over the simulated
 * times (data sampled at other times are linearly interpolated onto the simulation's samples;
 * samples outside the data's time range are left out).
 */
export function dipoleRmse(sim: Dipole, data: Dipole): number {
  const t = data.times;
  const y = data.data.agg;
  let sum = 0;
  let n = 0;
  let j = 0;
  for (let i = 0; i < sim.times.length; i++) {
    const ti = sim.times[i];
    if (ti < t[0] || ti > t[t.length - 1]) continue;
    while (j + 1 < t.length && t[j + 1] <= ti) j++;
    const v = t[j] === ti ? y[j] : y[j] + ((y[j + 1] - y[j]) * (ti - t[j])) / (t[j + 1] - t[j]);
    const e = sim.data.agg[i] - v;
    sum += e * e;
    n++;
  }
  if (n === 0) throw new RangeError("the data file's times do not overlap the simulation's");
  return Math.sqrt(sum / n);
}
