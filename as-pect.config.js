// as-pect runs the AssemblyScript unit specs of engine internals (test/engine/*.spec.ts).
export default {
  entries: ["test/engine/**/*.spec.ts"],
  include: ["test/engine/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
