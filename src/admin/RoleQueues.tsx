'use client'
import React from 'react'

import type { QueueItem, RoleQueuesAnswer } from '@/queues/roleQueues'
import type { EditorialStage } from '@/workflow/stages'
import { STAGE_LABELS } from '@/workflow/stages'
import { StageBadge } from './StageBadge'

type Item = QueueItem

export type Queues = RoleQueuesAnswer

const days = (n: number) => (n === 0 ? 'today' : n === 1 ? '1 day' : `${n} days`)

const ArticleLine = ({ item, detail }: { item: Item; detail?: React.ReactNode }) => (
  <li>
    <a href={`/admin/collections/articles/${item.id}`}>{item.title || `Article ${item.id}`}</a>
    {detail ? <> · {detail}</> : null}
    {item.openComments ? (
      <>
        {' '}
        · <strong>{item.openComments}</strong> open comment{item.openComments === 1 ? '' : 's'}
      </>
    ) : null}
    {item.latestNote ? <div className="signoff-queue__note">“{item.latestNote}”</div> : null}
  </li>
)

const Queue = ({
  title,
  items,
  empty,
  detail,
  name,
}: {
  title: string
  items: Item[]
  empty: string
  detail: (item: Item) => React.ReactNode
  name: string
}) => (
  <section className="signoff-queue" data-queue={name}>
    <h3>
      {title} <span className="signoff-queue__count">{items.length}</span>
    </h3>
    {items.length ? (
      <ul>
        {items.map((item) => (
          <ArticleLine key={item.id} item={item} detail={detail(item)} />
        ))}
      </ul>
    ) : (
      <p>{empty}</p>
    )}
  </section>
)

/** The queue of each of the signed-in person's roles, as the server computed them. */
export const RoleQueues = ({ queues }: { queues: Queues }) => (
  <div className="signoff-queues">
    {queues.reviewer ? (
      <>
        <Queue
          name="awaiting-my-review"
          title="Awaiting my review"
          items={queues.reviewer.awaitingMyReview}
          empty="Nothing is waiting for your review."
          detail={(item) => `waiting ${days(item.daysInStage)}`}
        />
        <Queue
          name="re-reviews-due"
          title="Re-reviews due"
          items={queues.reviewer.reReviewsDue}
          empty="None of your live articles is due for review within 30 days."
          detail={(item) => `due ${item.nextReviewDue?.slice(0, 10) ?? ''}`}
        />
      </>
    ) : null}
    {queues.writer ? (
      <section className="signoff-queue" data-queue="my-articles">
        <h3>My articles</h3>
        {Object.entries(queues.writer.byStage).some(([, items]) => items?.length) ? (
          Object.entries(queues.writer.byStage).map(([stage, items]) =>
            items?.length ? (
              <div key={stage}>
                <h4>
                  <StageBadge stage={stage as EditorialStage} />{' '}
                  <span className="signoff-queue__count">{items.length}</span>
                </h4>
                <ul>
                  {items.map((item) => (
                    <ArticleLine
                      key={item.id}
                      item={item}
                      detail={`${STAGE_LABELS[item.stage].toLowerCase()} for ${days(item.daysInStage)}`}
                    />
                  ))}
                </ul>
              </div>
            ) : null,
          )
        ) : (
          <p>You have no article on its way to publication.</p>
        )}
      </section>
    ) : null}
    {queues.editor ? (
      <>
        <Queue
          name="ready-to-publish"
          title="Ready to publish"
          items={queues.editor.readyToPublish}
          empty="Nothing approved is waiting to be published."
          detail={(item) => `approved ${days(item.daysInStage)} ago`}
        />
        <Queue
          name="stuck"
          title={`Stuck (${queues.editor.staleAfterDays}+ days in one stage)`}
          items={queues.editor.stuck}
          empty="Nothing has been waiting too long."
          detail={(item) =>
            `${STAGE_LABELS[item.stage].toLowerCase()} for ${days(item.daysInStage)}`
          }
        />
        <section className="signoff-queue" data-queue="reviewer-workload">
          <h3>Reviewer workload</h3>
          {queues.editor.reviewerWorkload.length ? (
            <ul>
              {queues.editor.reviewerWorkload.map((row) => (
                <li key={row.id ?? 'unassigned'}>
                  {row.reviewer ?? 'Not yet assigned'}: <strong>{row.openReviews}</strong> in review
                </li>
              ))}
            </ul>
          ) : (
            <p>No article is in medical review.</p>
          )}
        </section>
      </>
    ) : null}
  </div>
)
