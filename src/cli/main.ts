// The entry holds no code of its own: chunks the commands load later import the program
// chunk, never this module, whose top-level await would otherwise wait on them forever.
const { main } = await import('./program')

process.exitCode = await main(process.argv.slice(2))

export {}
