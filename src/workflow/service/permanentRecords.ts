import { RequestError } from '@/shared/RequestError'

/** Review records are permanent: every hook that would change or delete one refuses, for everyone. */
export const refuseChange = () => {
  throw new RequestError('Review records are permanent: they cannot be changed or deleted.', 403)
}
