// The page talks only to the public GraphQL API, at /graphql beside the
// page's own folder.
const endpoint = new URL('../graphql', window.location.href).href;

export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

// gql runs one GraphQL operation and returns its data. A response with
// errors rejects with the first error's message and code.
export async function gql(query, variables = {}, signal) {
  let resp;
  try {
    resp = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new APIError('The server cannot be reached.', 'NETWORK');
  }
  let body;
  try {
    body = await resp.json();
  } catch {
    throw new APIError(`The server answered ${resp.status} without JSON.`, 'HTTP');
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    throw new APIError(e.message, (e.extensions && e.extensions.code) || 'ERROR');
  }
  if (!resp.ok) throw new APIError(`The server answered ${resp.status}.`, 'HTTP');
  return body.data;
}

const evidence = 'evidence { sentence offset report { id title publishedAt synthetic } }';

export const Q = {
  search: `query Search($q: String!, $first: Int) {
    search(query: $q, first: $first) {
      score
      node {
        __typename
        ... on Official { id name pinyin aliases }
        ... on Meeting { id name date }
        ... on Division { id name level }
        ... on Directive { id text meeting { id name date } }
      }
    }
  }`,

  dateSpan: `query DateSpan {
    earliest: meetings(filter: {from: "1900"}, orderBy: ASC, first: 1) { edges { node { date } } }
    latest: meetings(orderBy: DESC, first: 1) { edges { node { date } } }
  }`,

  coAttendees: `query CoAttendees($id: ID!, $first: Int!, $minShared: Int!, $from: Date, $to: Date) {
    official(id: $id) {
      id name pinyin
      coAttendees(first: $first, minShared: $minShared, from: $from, to: $to) {
        sharedCount
        official { id name pinyin }
        sharedMeetings { id name date }
      }
    }
  }`,

  // Colour and size data for the officials of the network: the divisions of
  // their positions and how often they took part, in what role, in range.
  details: `query Details($ids: [ID!]!, $from: Date, $to: Date) {
    nodes(ids: $ids) {
      ... on Official {
        id name pinyin
        positions { firstSeen lastSeen position { title division { id name } } }
        all: meetings(from: $from, to: $to, first: 1) { totalCount }
        presided: meetings(role: PRESIDED, from: $from, to: $to, first: 1) { totalCount }
        spoke: meetings(role: SPOKE, from: $from, to: $to, first: 1) { totalCount }
        reported: meetings(role: REPORTED, from: $from, to: $to, first: 1) { totalCount }
      }
    }
  }`,

  card: `query Card($id: ID!, $from: Date, $to: Date, $after: String) {
    official(id: $id) {
      id name pinyin aliases garbled
      positions {
        firstSeen lastSeen
        position { id title organization division { id name } }
        ${evidence}
      }
      meetings(from: $from, to: $to, first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          roles titlesAtTheTime
          node { id name date kind }
          ${evidence}
        }
      }
      directives(first: 10) {
        totalCount
        edges { node { id text ordinal meeting { id name date } ${evidence} } }
      }
    }
  }`,

  cardMeetings: `query CardMeetings($id: ID!, $from: Date, $to: Date, $after: String) {
    official(id: $id) {
      id
      meetings(from: $from, to: $to, first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          roles titlesAtTheTime
          node { id name date kind }
          ${evidence}
        }
      }
    }
  }`,

  meeting: `query Meeting($id: ID!) {
    meeting(id: $id) {
      id name date datePrecision kind
      division { id name level }
      participants {
        roles titlesAtTheTime
        official { id name pinyin }
        ${evidence}
      }
      divisions { role division { id name level } ${evidence} }
      directives { id text ordinal issuedByMeeting issuer { id name } ${evidence} }
      sources { id title url publishedAt journalists synthetic }
    }
  }`,

  timeline: `query Timeline($id: ID!) {
    official(id: $id) {
      id name pinyin aliases
      timeline {
        date kind roles titlesAtTheTime
        meeting { id name kind }
        position { id title organization division { id name } }
        ${evidence}
      }
    }
  }`,

  division: `query Division($id: ID!, $after: String) {
    division(id: $id) {
      id name level code
      parent { id name }
      meetings(first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id name date kind } }
      }
      officials(first: 50) { totalCount edges { node { id name pinyin } } }
    }
  }`,
};
