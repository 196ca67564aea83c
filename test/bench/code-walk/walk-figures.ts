/**
 * What a traced walk means to a reader. A trace is the service functions that started, in order,
 * each as [file under service/src, position]. A newcomer reads each function once, when the request
 * first needs it: the walk keeps each function's first start only, so a loop over 30 lines of
 * Markdown counts once, not 30 times. The reader "enters" a file when the next function read is
 * in another file than the last one; entering a file already left is a return. (A function's end
 * is not traced, so going back to a caller that then calls nothing new is not counted.)
 */
export type Walk = [file: string, position: number, name: string][];

export interface WalkFigures {
  files: number;
  entries: number;
  returns: number;
  functions: number;
  /** The files entered most often, with how many times. */
  mostEntered: [string, number][];
}

/** A stay in one file: the functions read there, in order, before the reader moves on. */
export interface Stay {
  file: string;
  functions: string[];
}

/** The files in the order a reader enters them, reading each function when it first runs. */
export function route(walk: Walk): Stay[] {
  const read = new Set<string>();
  const stays: Stay[] = [];
  for (const [file, position, name] of walk) {
    const fn = `${file}:${position}`;
    if (read.has(fn)) continue;
    read.add(fn);
    const last = stays.at(-1);
    if (last?.file === file) last.functions.push(name);
    else stays.push({ file, functions: [name] });
  }
  return stays;
}

export function walkFigures(walk: Walk): WalkFigures {
  const entered = new Map<string, number>();
  for (const { file } of route(walk)) {
    entered.set(file, (entered.get(file) ?? 0) + 1);
  }
  const entries = [...entered.values()].reduce((sum, n) => sum + n, 0);
  return {
    files: entered.size,
    entries,
    returns: entries - entered.size,
    functions: new Set(walk.map(([file, position]) => `${file}:${position}`)).size,
    mostEntered: [...entered.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4),
  };
}

export function printWalks(walks: [name: string, walk: Walk][]): void {
  console.log('Source files (service/src) one request runs through, traced after a warm-up:\n');
  console.log('| walk | files | entries | returns | functions | entered most |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [name, walk] of walks) {
    const f = walkFigures(walk);
    const most = f.mostEntered.map(([file, n]) => `${file} ${n}×`).join(', ');
    console.log(`| ${name} | ${f.files} | ${f.entries} | ${f.returns} | ${f.functions} | ${most} |`);
  }
  if (process.env.CODE_WALK_ROUTE) {
    for (const [name, walk] of walks) {
      console.log(`\n${name}:`);
      for (const stay of route(walk)) console.log(`  ${stay.file}: ${stay.functions.join(', ')}`);
    }
  }
}
