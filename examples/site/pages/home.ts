import type { ArticleSummary, TopicRef } from '../../client'
import { html } from '../html'
import { articleList } from './articleList'
import { layout } from './layout'
import type { Site } from './layout'

/** /: the latest articles and the topics. */
export const homePage = ({
  site,
  articles,
  topics,
}: {
  site: Site
  articles: ArticleSummary[]
  topics: TopicRef[]
}) =>
  layout({
    site,
    title: site.name,
    description: 'Health articles written by health professionals and medically reviewed.',
    path: '/',
    main: html`<h1>Latest articles</h1>
      ${articleList({ articles, level: 2 })}
      <section aria-labelledby="topics">
        <h2 id="topics">Topics</h2>
        ${topicList(topics)}
      </section>`,
  })

export const topicList = (topics: TopicRef[]) =>
  topics.length
    ? html`<ul class="topic-list">
        ${topics
          .filter((topic) => topic.slug)
          .map((topic) => html`<li><a href="/topics/${topic.slug}">${topic.name}</a></li>`)}
      </ul>`
    : html`<p>No topics yet.</p>`

/** /topics: every topic. */
export const topicsPage = ({ site, topics }: { site: Site; topics: TopicRef[] }) =>
  layout({
    site,
    title: 'Topics',
    path: '/topics',
    main: html`<h1>Topics</h1>
      ${topicList(topics)}`,
  })

/** /topics/:slug: a topic's articles. */
export const topicPage = ({
  site,
  topic,
  articles,
}: {
  site: Site
  topic: TopicRef
  articles: ArticleSummary[]
}) =>
  layout({
    site,
    title: topic.name,
    description: `Medically reviewed articles about ${topic.name.toLowerCase()}.`,
    path: `/topics/${topic.slug}`,
    main: html`<h1>${topic.name}</h1>
      ${articleList({ articles, level: 2, empty: 'No articles on this topic yet.' })}`,
  })
