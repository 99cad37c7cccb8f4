import type { CallName, Result } from '../../shared/api'

/**
 * Answers to calls sent before the app's modules were evaluated (early.ts), each handed
 * to the first call that asks the same question, once.
 */
const answers = new Map<CallName, Promise<Result<unknown>>>()

export const keepEarly = (name: CallName, answer: Promise<Result<unknown>>): void => void answers.set(name, answer)

/**
 * The early answer to `name`, if one was sent and not yet taken. Only calls whose input is
 * the empty object are sent early, so the name alone is the question.
 */
export function takeEarly(name: CallName): Promise<Result<unknown>> | undefined {
  const answer = answers.get(name)
  answers.delete(name)
  return answer
}
