/**
 * The schema.org types an editor may give a topic: what search engines are told the article is
 * about. `Thing` says nothing more than the name.
 */
export const TOPIC_SCHEMA_TYPES = [
  'MedicalCondition',
  'AnatomicalStructure',
  'MedicalTherapy',
  'MedicalProcedure',
  'Drug',
  'Thing',
] as const

export type TopicSchemaType = (typeof TOPIC_SCHEMA_TYPES)[number]

/** Who an article is written for; the JSON-LD's `medicalAudience`. */
export const AUDIENCES = [
  { label: 'Patients', value: 'patient' },
  { label: 'Caregivers', value: 'caregiver' },
  { label: 'Clinicians', value: 'clinician' },
  { label: 'Medical researchers', value: 'researcher' },
] as const

export type Audience = (typeof AUDIENCES)[number]['value']
