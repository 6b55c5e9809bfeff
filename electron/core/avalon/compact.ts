// Snapshot objects follow the contract rule "absent = not reported", so keys
// whose value is undefined are removed rather than carried as `undefined`.

export function compact<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) {
    if (obj[key] === undefined) delete obj[key];
  }
  return obj;
}
