import { APIError } from 'payload'

/** Review records are permanent: every hook that would change or delete one refuses, for everyone. */
export const refuseChange = () => {
  throw new APIError(
    'Review records are permanent: they cannot be changed or deleted.',
    403,
    undefined,
    true,
  )
}
