/**
 * Where the real files come from. Each source lists attempts tried in order (the first that
 * downloads and passes its integrity check wins) and the name it gets in public/data/real/.
 * Override the whole list with `npm run fetch-data -- --sources my-sources.json` (same shape).
 */
import type { Dataset } from '../../src/domain/columns';

/**
 * How an attempt's bytes arrive: `zip` (a zip holding one CSV), `csv` (a plain CSV, zipped
 * here), `hub-csv` (an ArcGIS Hub export job: JSON status polled until it names the CSV),
 * `geojson` (neighborhood polygons).
 */
export type AttemptKind = 'zip' | 'csv' | 'hub-csv' | 'geojson';

export interface Attempt {
  readonly url: string;
  readonly kind: AttemptKind;
}

export interface Source {
  readonly id: string;
  readonly label: string;
  /** Output file name inside the target directory (`.csv.zip` for tables). */
  readonly file: string;
  /** The dataset a table must hold; checked with the app's own header detection. */
  readonly dataset?: Dataset;
  readonly attempts: readonly Attempt[];
  /** Fetched only when named with --only. */
  readonly optional?: boolean;
}

const ARCGIS_ITEMS = 'https://www.arcgis.com/sharing/rest/content/items';
const DENVER_SERVICES = 'https://services1.arcgis.com/zdB7qR0BtYrg0Xpl/arcgis/rest/services';
const DENVER_HUB = 'https://opendata-geospatialdenver.hub.arcgis.com/api/download/v1/items';
const OLD_CATALOG = 'https://www.denvergov.org/media/gis/DataCatalog';

export const DEFAULT_SOURCES: readonly Source[] = [
  {
    id: 'ibotta-311',
    label: '311 service requests (the original task’s zip)',
    file: 'ibotta_311_service_requests.csv.zip',
    dataset: 'service_requests',
    attempts: [{ url: 'https://s3.amazonaws.com/ibotta-data-engineer-test/311_service_requests.csv.zip', kind: 'zip' }],
  },
  {
    id: 'ibotta-accidents',
    label: 'Traffic accidents (the original task’s zip)',
    file: 'ibotta_traffic_accidents.csv.zip',
    dataset: 'traffic_accidents',
    attempts: [{ url: 'https://s3.amazonaws.com/ibotta-data-engineer-test/traffic_accidents.csv.zip', kind: 'zip' }],
  },
  {
    id: 'denver-311-2025',
    label: '311 service requests 2025 (Denver Open Data, yearly CSV)',
    file: 'denver_311_service_requests_2025.csv.zip',
    dataset: 'service_requests',
    attempts: [{ url: `${ARCGIS_ITEMS}/5bdb9b3033d74782a4c410e548887ede/data`, kind: 'csv' }],
  },
  {
    id: 'denver-311-2024',
    label: '311 service requests 2024 (Denver Open Data, yearly CSV)',
    file: 'denver_311_service_requests_2024.csv.zip',
    dataset: 'service_requests',
    attempts: [{ url: `${ARCGIS_ITEMS}/79f43c95bf9a4ac19ef8217c5367e6c4/data`, kind: 'csv' }],
    optional: true,
  },
  {
    id: 'denver-accidents',
    label: 'Traffic accidents, past 5 years + this year (Denver Open Data, layer 325)',
    file: 'denver_traffic_accidents.csv.zip',
    dataset: 'traffic_accidents',
    attempts: [
      { url: `${DENVER_HUB}/db00bd99ea534d8987e0913a191ebe19/csv?layers=325&redirect=false`, kind: 'hub-csv' },
      { url: `${OLD_CATALOG}/traffic_accidents/csv/traffic_accidents.csv`, kind: 'csv' },
    ],
  },
  {
    id: 'neighborhoods',
    label: 'Statistical neighborhoods (GeoJSON)',
    file: 'statistical_neighborhoods.geojson',
    attempts: [
      { url: `${DENVER_SERVICES}/ODC_ADMN_NEIGHBORHOOD_A/FeatureServer/13/query?where=1%3D1&outFields=*&outSR=4326&f=geojson`, kind: 'geojson' },
      { url: `${OLD_CATALOG}/statistical_neighborhoods/geojson/statistical_neighborhoods.geojson`, kind: 'geojson' },
    ],
  },
];

/** Reads a sources file (JSON array of Source) and checks its shape. */
export function parseSources(json: string): Source[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('the sources file must hold a JSON array');
  const kinds: AttemptKind[] = ['zip', 'csv', 'hub-csv', 'geojson'];
  for (const s of list as Source[]) {
    if (typeof s?.id !== 'string' || typeof s.file !== 'string' || !Array.isArray(s.attempts) || s.attempts.length === 0) {
      throw new Error(`a source needs id, file and attempts: ${JSON.stringify(s).slice(0, 120)}`);
    }
    if (/[/\\]|^\./.test(s.file)) throw new Error(`source ${s.id}: file must be a plain file name, not ${s.file}`);
    for (const a of s.attempts) {
      if (!kinds.includes(a.kind) || !/^https?:\/\//.test(a.url)) throw new Error(`source ${s.id}: bad attempt ${JSON.stringify(a)}`);
    }
  }
  return list as Source[];
}
