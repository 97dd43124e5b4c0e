import type { CollectionConfig } from 'payload'

import { authenticatedField } from '@access/authenticated'
import { editArticles } from '@access/editArticles'
import { isEditor, isEditorField } from '@access/isEditor'
import { isWriter } from '@access/isWriter'
import { nobodyField } from '@access/nobody'
import { readArticleVersions } from '@access/readArticleVersions'
import { readArticles } from '@access/readArticles'
import { safeRichText } from '@fields/safeRichText'
import { slugField } from '@fields/slugField'
import { EDITORIAL_STAGES, REVIEW_STATUSES, STAGE_LABELS } from '@/workflow/stages'
import { AUDIENCES } from '@/shared/structuredData'
import { commentsEndpoint } from './endpoints/comments'
import { reviewIntervalEndpoint } from './endpoints/reviewInterval'
import { bulkReReviewEndpoint, reReviewQueueEndpoint } from './endpoints/reReview'
import { editorialSummaryEndpoint } from './endpoints/editorialSummary'
import { previewLinkEndpoint } from './endpoints/previewLink'
import { readingViewEndpoint } from './endpoints/readingView'
import { workflowEndpoint } from './endpoints/workflow'
import { workflowPanelEndpoint } from './endpoints/workflowPanel'
import { applyDefaultDisclaimer } from '@/disclaimers/applyDefaultDisclaimer'
import { currentReviewStatus } from './hooks/currentReviewStatus'
import { enforceEditorialWorkflow } from './hooks/enforceEditorialWorkflow'
import { keepReviewedArticles } from '@/workflow/service/keepReviewedArticles'
import { measureReadability } from './hooks/measureReadability'
import { queueArticleWebhooks } from './hooks/queueArticleWebhooks'
import { recordPublish } from './hooks/recordPublish'
import { saveAsDraft } from './hooks/saveAsDraft'
import { saveRestoredDraft } from './hooks/saveRestoredDraft'
import { setCreatedBy } from './hooks/setCreatedBy'
import { freezeContentInReview } from '@/workflow/service/freezeInReview'
import { MAX_INTERVAL_MONTHS, MIN_INTERVAL_MONTHS } from '@/workflow/reviewInterval'
import { deleteCommentsOfArticle } from '@/comments/service/guardCommentChange'

/** Written by the workflow only: read-only in the admin, refused on create and update. */
const workflowOwned = {
  access: { create: nobodyField, update: nobodyField },
} as const

/** Workflow bookkeeping readers have no need of: who created it, what was signed. */
const workflowInternal = {
  access: { create: nobodyField, update: nobodyField, read: authenticatedField },
} as const

/**
 * The workflow panel shows these once, read-only; the edit view leaves them out. A condition, not
 * `hidden`: hidden fields are dropped from the list's columns and filters too.
 */
const listOnly = { readOnly: true, condition: () => false }

export const Articles: CollectionConfig = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'stage', 'reviewStatus', 'nextReviewDue', 'author', 'updatedAt'],
    group: 'Content',
    components: {
      beforeListTable: ['/src/admin/ArticleFilters#ArticleFilters'],
      edit: { PublishButton: '/src/admin/PublishButtonForEditors#PublishButtonForEditors' },
    },
  },
  access: {
    create: isWriter,
    read: readArticles,
    update: editArticles,
    delete: isEditor,
    readVersions: readArticleVersions,
    unlock: editArticles,
  },
  versions: {
    // Drafts are validated like published versions: Payload skips validation on draft saves by
    // default, so an edit of a live article could store a 10,000-character title in its draft.
    drafts: { validate: true },
    // Keep every version: pruning goes oldest-first and could drop the live or last-reviewed one.
    maxPerDoc: 0,
  },
  // Public lists are live articles newest first: the index hands them over in order, so a deep
  // page reads 20 rows instead of sorting every live article (rows whose body comes first).
  // A stage with the status beside it: counting a stage under a writer's or reviewer's access rule
  // ("live, or their own") reads the status from the index, not every row (0.43 s at 100,000
  // articles, 6 ms now); it serves every query by stage alone as well.
  indexes: [{ fields: ['_status', 'publishedAt'] }, { fields: ['stage', '_status'] }],
  hooks: {
    beforeOperation: [saveAsDraft],
    beforeChange: [
      setCreatedBy,
      applyDefaultDisclaimer,
      enforceEditorialWorkflow,
      measureReadability,
    ],
    afterChange: [recordPublish, saveRestoredDraft, queueArticleWebhooks],
    beforeDelete: [keepReviewedArticles, deleteCommentsOfArticle],
  },
  endpoints: [
    editorialSummaryEndpoint,
    reReviewQueueEndpoint,
    bulkReReviewEndpoint,
    workflowEndpoint,
    workflowPanelEndpoint,
    previewLinkEndpoint,
    readingViewEndpoint,
    commentsEndpoint,
    reviewIntervalEndpoint,
  ],
  fields: freezeContentInReview([
    {
      name: 'workflow',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/admin/WorkflowBar#WorkflowBar' } },
    },
    {
      name: 'readingView',
      type: 'ui',
      admin: { components: { Field: '/src/admin/ReadingView#ReadingView' } },
    },
    { name: 'title', type: 'text', required: true, maxLength: 300 },
    slugField(),
    {
      name: 'summary',
      type: 'textarea',
      maxLength: 1000,
      admin: { description: 'One or two sentences shown in lists and search results.' },
    },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    safeRichText({
      name: 'body',
      admin: { description: 'Cite a source as [n]: the n-th entry of Sources below.' },
    }),
    {
      name: 'keyMessages',
      type: 'array',
      labels: { singular: 'Key message', plural: 'Key messages' },
      fields: [{ name: 'message', type: 'textarea', required: true }],
    },
    // Indexed for MongoDB, where a topic's list and search ask the articles by topic (SQLite keeps
    // topics in articles_rels, indexed already: its schema is the same with or without this).
    { name: 'topics', type: 'relationship', relationTo: 'topics', hasMany: true, index: true },
    {
      name: 'audience',
      type: 'select',
      defaultValue: 'patient',
      options: [...AUDIENCES],
      admin: {
        position: 'sidebar',
        description:
          'Who the article is written for; search engines read it. Not part of what the reviewer signs.',
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'author', type: 'relationship', relationTo: 'authors' },
        { name: 'medicalReviewer', type: 'relationship', relationTo: 'medical-reviewers' },
      ],
    },
    {
      name: 'sources',
      type: 'relationship',
      relationTo: 'sources',
      hasMany: true,
      admin: { description: 'In citation order: [1] in the body is the first source here.' },
    },
    { name: 'disclaimer', type: 'relationship', relationTo: 'disclaimers' },
    {
      name: 'stage',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      // Indexed with `_status` (below), not alone.
      options: EDITORIAL_STAGES.map((value) => ({ label: STAGE_LABELS[value], value })),
      ...workflowOwned,
      admin: { ...listOnly, components: { Cell: '/src/admin/StageBadge#StageCell' } },
    },
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      ...workflowOwned,
      admin: { ...listOnly },
    },
    {
      name: 'lastReviewedAt',
      type: 'date',
      ...workflowOwned,
      admin: { ...listOnly },
    },
    {
      name: 'nextReviewDue',
      type: 'date',
      index: true,
      ...workflowOwned,
      admin: { ...listOnly },
    },
    {
      name: 'reviewStatus',
      type: 'select',
      index: true,
      options: [...REVIEW_STATUSES],
      hooks: { afterRead: [currentReviewStatus] },
      ...workflowOwned,
      admin: { ...listOnly },
    },
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      min: MIN_INTERVAL_MONTHS,
      max: MAX_INTERVAL_MONTHS,
      // Risk is an editorial and clinical call: editors here, reviewers through the panel.
      access: { create: isEditorField, update: isEditorField },
      admin: {
        position: 'sidebar',
        step: 1,
        description:
          'Months its medical review stays current (3–36). Empty: its topics decide, else the default.',
      },
    },
    {
      name: 'reReviewer',
      type: 'relationship',
      relationTo: 'medical-reviewers',
      index: true,
      ...workflowOwned,
      admin: {
        ...listOnly,
        description: 'Asked by an editor to re-review the live article.',
      },
    },
    {
      name: 'readability',
      type: 'group',
      ...workflowOwned,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description:
          'Measured from the body on every save (English): the school grade a reader needs.',
      },
      fields: [
        { name: 'fleschKincaidGrade', label: 'Flesch–Kincaid grade', type: 'number' },
        { name: 'smog', label: 'SMOG grade', type: 'number' },
      ],
    },
    {
      name: 'approvedFingerprint',
      type: 'text',
      ...workflowInternal,
      admin: { hidden: true },
    },
    {
      name: 'signedEvidence',
      type: 'json',
      ...workflowInternal,
      admin: {
        hidden: true,
        description:
          'The sources and hero image as the reviewer approved them; the live page shows these.',
      },
    },
    {
      name: 'createdBy',
      type: 'relationship',
      relationTo: 'users',
      ...workflowInternal,
      admin: { ...listOnly },
    },
  ]),
}
