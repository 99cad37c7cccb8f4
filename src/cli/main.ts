// The entry holds no code of its own: chunks the commands load later import the program
// chunk, never this module, whose top-level await would otherwise wait on them forever.
const { run } = await import('./program')

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin })

export {}
