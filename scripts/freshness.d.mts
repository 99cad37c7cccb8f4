export declare const newestMtime: (dir: string) => number
export declare const isFresh: (output: string, sourceDirs: string[]) => boolean
