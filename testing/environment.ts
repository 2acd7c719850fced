/** Sets `values` in `process.env` and removes `cleared`; returns what puts the environment back as it was. */
export function setEnvironment(values: Readonly<Record<string, string>>, cleared: readonly string[]): () => void {
    const names = [...Object.keys(values), ...cleared];
    const before = new Map(names.map((name) => [name, process.env[name]]));
    for (const name of cleared) delete process.env[name];
    Object.assign(process.env, values);
    return () => {
        for (const [name, value] of before) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    };
}
