/**
 * "Causes of Lower Back Spasms", converted once from the seed page (shared/seed/000_92a1c18e4cc922d4.txt)
 * so the running product never reads outside the repository. tests/unit/seedFixture.test.ts checks that
 * every piece of text here still matches the page.
 */

export type SeedBlock = { type: 'p' | 'h2' | 'h3'; text: string } | { type: 'ul'; items: string[] }

type SeedSource = {
  title: string
  authors: string
  publisher: string
  year: number
  url?: string
  doi?: string
  pmid?: string
  sourceType: 'systematic-review' | 'government-health-agency'
}

export const seedArticle = {
  title: 'Causes of Lower Back Spasms',
  slug: 'causes-of-lower-back-spasms',
  // The page has no summary of its own: these are its second paragraph's opening sentences.
  summary:
    'Lower back spasms can make it difficult to bend or move. They can be caused by different factors, including overuse or heavy lifting, sitting for prolonged periods, or sleeping awkwardly.',
  heroImageAlt: 'Woman sitting on a bed with lower back spasms causing pain',
  author: {
    name: 'Nikita Mistry',
    slug: 'nikita-mistry',
    profession: 'Physiotherapist',
    affiliation: 'Western Sydney University',
  },
  medicalReviewer: {
    honorific: 'Dr',
    name: 'Gina Arena',
    slug: 'gina-arena',
    position: 'Research Fellow',
    affiliation: 'University of Western Australia',
  },
  publishedOn: '2022-05-30',
  reviewedOn: '2022-05-30',
  // A body part, not a condition: what search engines are told the article is about.
  topic: { name: 'Lower back', slug: 'lower-back', schemaType: 'AnatomicalStructure' as const },
  body: [
    {
      type: 'p',
      text: 'Back pain is a common experience. Many people will experience lower back pain at some point in their lifetime.[1] Back pain has been associated with a high health-care expenditure and major disease burden in Australia.[2] A spasm is a painful tightening or contraction that can occur in the body, ranging from mild to more severe. Occasionally, spasms can occur in the lower back.',
    },
    {
      type: 'p',
      text: 'Lower back spasms can make it difficult to bend or move. They can be caused by different factors, including overuse or heavy lifting, sitting for prolonged periods, or sleeping awkwardly. Symptoms may resolve quickly, or can persist for a period of time. Any chronic or underlying medical conditions should be addressed by a doctor.',
    },
    { type: 'h2', text: 'What are the symptoms of lower back spasms?' },
    {
      type: 'ul',
      items: [
        'Muscle cramping',
        'Spasms in the lower back',
        'A dull ache or sharp pain',
        'Difficulty with daily tasks',
        'Back pain down one side (Right side or Left side)',
      ],
    },
    {
      type: 'p',
      text: 'The symptoms will vary depending on the cause and location of the symptoms.',
    },
    { type: 'h2', text: 'What causes lower back spasms?' },
    {
      type: 'p',
      text: 'Back spasms can come about from a muscle strain. Heavy lifting is a common culprit, which can put a lot of load on the spine, especially if the lifting technique is poor. However, any activity that stresses or strains the soft tissue and joints in the back can cause symptoms, including sitting for prolonged periods of time, uncomfortable positions during sleep, or overuse. Repetitive activities or various sports may increase the risk, such as football, golf, or manual labour. If the muscles have not been conditioned or are unprepared for the movement, they may be injured more easily.',
    },
    {
      type: 'p',
      text: 'Lower back spasms may also be caused by conditions such as arthritis or disc herniation. This can put pressure on the joints or nerves in the spine, and result in symptoms.',
    },
    {
      type: 'p',
      text: 'Other causes may include fracture, infection, or disease. It is important to get the correct diagnosis and to rule out more serious causes of pain.',
    },
    { type: 'h2', text: 'Diagnosis' },
    {
      type: 'p',
      text: 'A health professional can assess the cause of the symptoms. They may ask about the background of the symptoms and any relevant medical history.',
    },
    {
      type: 'p',
      text: 'In some cases, a doctor may request further investigations. This can include ordering imaging tests, such as an x-ray, CT (computerised tomography), or MRI (magnetic resonance imaging).',
    },
    {
      type: 'p',
      text: 'It is important to get the correct diagnosis before any treatment begins. A doctor can rule out any more serious underlying medical conditions that need to be addressed.',
    },
    { type: 'h2', text: 'Treatment of Lower Back Spasms' },
    {
      type: 'p',
      text: 'Each treatment or management plan for back symptoms will vary from person to person. The best treatments will depend on the cause and severity of the pain.',
    },
    { type: 'p', text: 'However, some common treatment options may include:' },
    { type: 'h3', text: 'Ice or heat therapy' },
    {
      type: 'p',
      text: 'When applied correctly, this can provide short-term symptom relief. A health professional can help determine if heat or ice will be better for the symptoms.',
    },
    { type: 'h3', text: 'Medications' },
    {
      type: 'p',
      text: 'A doctor may recommend certain medications depending on the cause of the symptoms. This may include prescribing non-steroidal anti-inflammatory drugs (NSAIDs).',
    },
    { type: 'h3', text: 'Corticosteroid injections' },
    {
      type: 'p',
      text: 'Less commonly, a doctor may use corticosteroid injections to offer pain relief. However, there can be side effects and long-term health consequences that a doctor will discuss.',
    },
    { type: 'h3', text: 'Physiotherapy' },
    {
      type: 'p',
      text: 'A physiotherapist can prescribe specific treatments depending on the cause. This may include certain exercises or programs to provide symptom relief, strengthen the area, or help restore function.',
    },
    { type: 'h3', text: 'Lifestyle changes' },
    {
      type: 'p',
      text: 'Such as postural changes at work or incorporating a walking program can help with symptom management.',
    },
    { type: 'h3', text: 'Surgery' },
    {
      type: 'p',
      text: 'In rare cases, a doctor may recommend a review with a specialist, such as a surgeon. They may discuss different treatment or surgical options.',
    },
    {
      type: 'p',
      text: 'In most cases, lower back spasms can resolve on their own or with basic treatments. However, if there are any red flag symptoms such as loss of bladder or bowel control, sudden weakness or numbness, or other unexplained symptoms, a doctor needs to be consulted immediately. Any symptoms that are caused by trauma or injury should be assessed by a medical professional.',
    },
    { type: 'h2', text: 'Prevention of Lower Back Spasms' },
    {
      type: 'p',
      text: 'Not all cases of back pain are preventable. However, there are some strategies that can help take care of it and reduce the risk.',
    },
    { type: 'p', text: 'These can include:' },
    {
      type: 'ul',
      items: [
        'Maintaining good posture',
        'Speaking to a doctor before starting an exercise program',
        'Exercising regularly',
        'Maintaining a healthy diet and weight',
        'Wearing comfortable and supportive footwear',
        'Avoiding sitting for prolonged periods of time',
        'Seeing a health professional if there are any early signs of symptoms.',
      ],
    },
  ] satisfies SeedBlock[],
  keyMessages: [
    'Back spasms are frustrating and can affect everyday life. There are many different treatment options which can help alleviate symptoms and restore function. However, if there are any concerns it is important to seek medical attention.',
  ],
  disclaimer: {
    title: 'Content Disclaimer',
    text: 'This content is general in nature and is for informational purposes only - it does not constitute medical advice. Content on BookPhysio.com is not intended to be a substitute for professional medical advice, diagnosis, or treatment. Read more from our Content Disclaimer.',
  },
  publisher: {
    name: 'BookPhysio.com',
    sourcingPolicy:
      'BookPhysio.com has strict sourcing guidelines and relies on peer-reviewed studies, academic research institutions, and medical associations. We avoid using tertiary references. You can learn more about how we ensure our content is accurate and current by reading our editorial policy.',
  },
  /**
   * The page shows a "Sources" heading but its entries were not captured in the seed text. These two
   * references stand for the markers [1] (how common low back pain is) and [2] (its burden in Australia);
   * an editor should confirm them against the publisher's original before relying on them.
   */
  sources: [
    {
      title: 'A systematic review of the global prevalence of low back pain',
      authors:
        'Hoy D, Bain C, Williams G, March L, Brooks P, Blyth F, Woolf A, Vos T, Buchbinder R',
      publisher: 'Arthritis & Rheumatism',
      year: 2012,
      doi: '10.1002/art.34347',
      pmid: '22231424',
      sourceType: 'systematic-review',
    },
    {
      title: 'Back problems',
      authors: 'Australian Institute of Health and Welfare',
      publisher: 'Australian Institute of Health and Welfare',
      year: 2020,
      url: 'https://www.aihw.gov.au/reports/chronic-musculoskeletal-conditions/back-problems',
      sourceType: 'government-health-agency',
    },
  ] satisfies SeedSource[],
}
