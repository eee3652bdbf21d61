import { engineVersion } from "../../assembly/index";

describe("engine", () => {
  it("reports its interface version", () => {
    expect(engineVersion()).toBe(1);
  });
});
