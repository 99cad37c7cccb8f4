// Date arithmetic is shared with the renderer; the core imports it from here.
export * from '../../../shared/days'
