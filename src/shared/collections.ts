/** The delivery API's read model: each live article rendered once (src/delivery/readModel/). */
export const PUBLISHED_ARTICLES = 'published-articles'

/** The retraction list: notices imported from Retraction Watch / Crossref (src/retractions/). */
export const RETRACTIONS = 'retractions'

/** Decisions an editor set for a later time: publish at, archive at (src/schedules/). */
export const SCHEDULED_ACTIONS = 'scheduled-actions'
