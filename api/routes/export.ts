import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { VERSION } from '../../core/config.js';
import { exportStream, latestDecisions, resolveSelection, sqliteExport } from '../analysis/index.js';
import type { ApiContext } from '../app.js';
import { CsvExportQuery, ExportQuery, FeedQuery } from '../schemas.js';

const stamp = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

/** The origin this request was addressed to (for absolute links in feeds). */
function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** An entry's date: the decision date, or for a page that prints none, when the archive first held it. */
const entryDate = (d: { decision_date: string | null; first_fetched_at: string }) =>
  d.decision_date ? new Date(`${d.decision_date}T00:00:00Z`) : new Date(d.first_fetched_at);

const money = (n: number) =>
  `£${n.toLocaleString('en-GB', { minimumFractionDigits: n % 1 ? 2 : 0, maximumFractionDigits: 2 })}`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

interface AtomEntry {
  id: string;
  title: string;
  /** The decision's page in this archive (alternate). */
  page: string;
  /** The decision's page on the Ombudsman's site (related). */
  source: string;
  /** The archived record as JSON (enclosure). */
  record: string;
  updated: Date;
  published: Date;
  summary: string;
  /** HTML. */
  content: string;
}

/**
 * An Atom 1.0 document (RFC 4287), written here: the `feed` package gives an entry one untyped
 * link and derives an enclosure's type from the URL's extension (image/…), so it cannot say
 * "related" or "application/json".
 */
function atomFeed(f: { self: string; title: string; web: string; entries: AtomEntry[] }): string {
  const x = escapeHtml;
  const updated = new Date(Math.max(0, ...f.entries.map((e) => e.updated.getTime())));
  const link = (rel: string, href: string, type: string, title?: string) =>
    `<link rel="${rel}" type="${type}" href="${x(href)}"${title ? ` title="${x(title)}"` : ''}/>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${x(f.self)}</id>`,
    `<title>${x(f.title)}</title>`,
    '<subtitle>Decisions of the Local Government and Social Care Ombudsman matching a saved search, from lgsco-archive</subtitle>',
    `<updated>${updated.toISOString()}</updated>`,
    '<author><name>Local Government and Social Care Ombudsman</name><uri>https://www.lgo.org.uk/</uri></author>',
    `<generator version="${x(VERSION)}">lgsco-archive</generator>`,
    '<rights>Decision texts © Commission for Local Administration in England</rights>',
    link('self', f.self, 'application/atom+xml'),
    link('alternate', f.web, 'text/html', 'This search on the web page'),
    ...f.entries.map((e) =>
      [
        '<entry>',
        `<id>${x(e.id)}</id>`,
        `<title>${x(e.title)}</title>`,
        `<updated>${e.updated.toISOString()}</updated>`,
        `<published>${e.published.toISOString()}</published>`,
        link('alternate', e.page, 'text/html', 'Archived decision'),
        link('related', e.source, 'text/html', 'Decision on the Ombudsman’s site'),
        link('enclosure', e.record, 'application/json', 'Archived record'),
        `<summary type="text">${x(e.summary)}</summary>`,
        `<content type="html">${x(e.content)}</content>`,
        '</entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
}

/** Exports (CSV, NDJSON, SQLite) and the Atom feed of a search. */
export function exportRoutes({ store, searchIndex, cacheDir }: ApiContext): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    for (const format of ['csv', 'ndjson'] as const) {
      api.get(
        `/export.${format}`,
        {
          schema: {
            summary: `Matching decisions as ${format.toUpperCase()} (streamed)`,
            description:
              'Same filters as /api/search (q included). rows=decisions (default): one row per decision with ' +
              'its header fields, finding, remedy total, longest delay, removed flag, parser version, page ' +
              'hash and summary; NDJSON rows also carry the payments, delays, missed-education periods and ' +
              'service improvements with their evidence. rows=payments: one row per extracted payment with ' +
              'amount, status, purpose, recipient and the evidence sentence, plus ref, organisation, date and ' +
              'URL. Money: pounds (remedy_total, max_payment, amount; CSV with two decimals, 643546.90) and whole ' +
              'pence (remedy_total_pence, max_payment_pence, amount_pence). ' +
              'Order: sort=date:desc, date:asc, remedy:desc or remedy:asc as on the search page; relevance or absent: ' +
              'oldest decision first. Streamed from one archive snapshot in constant memory. ' +
              "CSV only: a text cell starting with =, +, -, @, a tab or a carriage return is written with a leading ' " +
              '(OWASP, against formula injection: spreadsheets show it as text); numbers stay numbers, NDJSON is exact. ' +
              (format === 'csv'
                ? 'bom=true starts the file with a UTF-8 byte order mark (EF BB BF) so Excel opens it as UTF-8 (£ and accents intact); default none. '
                : '') +
              'A bad parameter: 400 JSON { code, message } naming it.',
            querystring: format === 'csv' ? CsvExportQuery : ExportQuery,
          },
        },
        async (req, reply) => {
          const { rows, sort, ...rest } = req.query;
          const { bom, ...query } = { bom: undefined, ...rest };
          const sel = await resolveSelection(query, searchIndex, store);
          const stream = exportStream(store, format, {
            rows,
            sort,
            bom,
            filters: sel.filters,
            refKeys: sel.refKeys,
          });
          reply
            .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
            .header('content-disposition', `attachment; filename="lgsco-${rows}-${stamp()}.${format}"`)
            .header('cache-control', 'no-store');
          return reply.send(stream);
        },
      );
    }

    api.get(
      '/feeds/search.atom',
      {
        schema: {
          summary: 'Atom feed of the newest matching decisions',
          description:
            'Same filters as /api/search; `limit` entries (default 50, at most 100), newest decision first. ' +
            "Each entry links to the decision's page in this archive (alternate, text/html: it outlives the " +
            "Ombudsman's page), to the Ombudsman's page (related) and to the archived record (enclosure, " +
            "application/json). An entry's `updated` is when the archive first held the decision, `published` " +
            'its decision date, or, for a decision whose page states no date, when the archive first held it ' +
            "(the same as `updated`); the feed's `updated` is the latest of those, its alternate link the same search " +
            'on the web page, its author the Ombudsman. Subscribe to a saved search in any feed reader.',
          querystring: FeedQuery,
        },
      },
      async (req, reply) => {
        const { limit, ...query } = req.query;
        const sel = await resolveSelection(query, searchIndex, store);
        const items = latestDecisions(store, sel.filters, sel.refKeys, limit);
        const base = origin(req);
        const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        // The web page takes the same parameters; limit is the feed's own.
        const webSearch = new URLSearchParams(search);
        webSearch.delete('limit');
        const described = [
          query.q ? `“${query.q}”` : null,
          query.organisation?.join(' or '),
          query.category?.join(' or '),
          query.subcategory?.join(' or '),
          query.outcome?.join(' or '),
        ]
          .filter(Boolean)
          .join(', ');
        const xml = atomFeed({
          self: `${base}${req.url}`,
          title: `LGSCO decisions${described ? `: ${described}` : ''}`,
          web: `${base}/${webSearch.size > 0 ? `?${webSearch}` : ''}`,
          entries: items.map((d) => {
            const facts = [
              d.outcome ?? 'outcome not stated on the page',
              d.finding !== 'unknown' ? d.finding.replace(/_/g, ' ') : null,
              d.remedy_total > 0 ? `remedy ${money(d.remedy_total)}` : null,
              d.removed_at ? 'removed from the Ombudsman’s site' : null,
            ]
              .filter(Boolean)
              .join(' · ');
            const page = `${base}/decisions/${d.ref_key}`;
            const record = `${base}/api/decisions/${d.ref_key}`;
            return {
              id: record,
              title: `${d.ref} ${d.organisation} (${d.category}${d.subcategory ? ` / ${d.subcategory}` : ''}): ${d.outcome ?? 'outcome not stated'}`,
              page,
              source: d.url,
              record,
              updated: new Date(d.first_fetched_at),
              published: entryDate(d),
              summary: `${facts}. ${d.summary ?? ''}`,
              content: `<p>${escapeHtml(facts)}</p><p>${escapeHtml(d.summary ?? '')}</p><p><a href="${escapeHtml(page)}">Archived decision</a> · <a href="${escapeHtml(d.url)}">Decision on the Ombudsman’s site</a> · <a href="${escapeHtml(record)}">Archived record (JSON)</a></p>`,
            };
          }),
        });
        reply.type('application/atom+xml; charset=utf-8');
        return xml;
      },
    );

    api.get(
      '/archive.sqlite',
      {
        schema: {
          summary: 'The structured archive as a SQLite file',
          description:
            'Tables decisions, payments, delays, missed_education, service_improvements, finding_conflicts ' +
            '(typed columns, primary and foreign keys, evidence sentences as columns, no JSON), columns (what ' +
            'each column means) and export_info. Money is whole pence in INTEGER columns (remedy_total_pence, ' +
            "max_payment_pence, amount_pence) beside pounds as decimal text ('643546.90'). Opens as-is " +
            'in Datasette, DB Browser for SQLite or a spreadsheet tool. Built on first request after the ' +
            'archive changes, then served from a cache; the ETag is the archive revision.',
        },
      },
      async (req, reply) => {
        const exp = await sqliteExport(store, cacheDir);
        const etag = `"r${exp.revision}"`;
        reply.header('etag', etag).header('cache-control', 'no-cache');
        if (req.headers['if-none-match'] === etag) return reply.status(304).send();
        reply
          .type('application/vnd.sqlite3')
          .header('content-length', String(exp.bytes))
          .header('content-disposition', `attachment; filename="lgsco-archive-${stamp()}.sqlite"`);
        return reply.send(createReadStream(exp.file));
      },
    );
  };
}
