export declare function firstScreenAssets(rendererDir: string): { files: { file: string; bytes: number }[]; scriptBytes: number; styleBytes: number }
