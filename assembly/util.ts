// Raw f64/i32 access over array data pointers: hot loops take `arr.dataStart` once into a local
// and index through these, so no bounds checks and no repeated field loads (DESIGN.md, speed probe).

/** f64 at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function ldf(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Store f64 x at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function stf(p: usize, i: i32, x: f64): void {
  store<f64>(p + (<usize>i << 3), x);
}

/** i32 at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function ldi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Store i32 x at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function sti(p: usize, i: i32, x: i32): void {
  store<i32>(p + (<usize>i << 2), x);
}

/** A new f64 array of length n filled with x (build phase only). */
export function filledF64(n: i32, x: f64): Array<f64> {
  const a = new Array<f64>(n);
  for (let i = 0; i < n; i++) unchecked((a[i] = x));
  return a;
}

/** A new i32 array of length n filled with x (build phase only). */
export function filledI32(n: i32, x: i32): Array<i32> {
  const a = new Array<i32>(n);
  for (let i = 0; i < n; i++) unchecked((a[i] = x));
  return a;
}
