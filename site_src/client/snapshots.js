// Where the engine keeps its memory snapshot between visits, and when it fetches it.
//
// The snapshot lives in Cache Storage, which a worker can query without touching the
// network: on a first visit nothing is there and the engine boots at once. (The HTTP
// cache cannot be asked that reliably: WebKit ignores `cache: "only-if-cached"` and
// downloads the 4.9 MB file while the reader waits.) One cache per snapshot URL, and the
// URL is versioned by the build, so a new build's snapshot replaces the old one.
// Cache Storage exists only in secure contexts (https, localhost); elsewhere the engine
// never keeps a snapshot and never asks the network for one.

const CACHE_PREFIX = "explainer-snapshot ";
/** Below this much memory (GB, as the browser rounds it) a device counts as phone-class. */
const LOW_MEMORY_GB = 4;
const PHONE_AGENT = /Mobi|Android|iPhone|iPad|iPod/;

/**
 * Whether fetching the snapshot for a later visit pays off here. Not when the reader asks
 * the browser to save data, nor on a slow connection, nor on a phone-class device: there
 * the 4.9 MB would nearly double what a first visit downloads (6.0 MB without it, 10.9 MB
 * with), for a return visit that starts well under a second sooner (measured on a phone
 * profile, CPU ×4 and 6.4 Mbit/s: 14.4 s to ready without the snapshot, 13.5 s with it).
 * Firefox and Safari expose none of the connection or memory hints, so for them the user
 * agent decides.
 */
export function mayPrefetch() {
  const connection = navigator.connection;
  if (connection?.saveData) return false;
  if (connection?.effectiveType && connection.effectiveType !== "4g") return false;
  if (connection?.type === "cellular") return false;
  if (navigator.deviceMemory !== undefined && navigator.deviceMemory < LOW_MEMORY_GB) return false;
  return !(navigator.userAgentData?.mobile || PHONE_AGENT.test(navigator.userAgent));
}

/**
 * The snapshot at `url` kept in Cache Storage; `siteAssets` is the folder every build's
 * snapshot of this site lives under (older builds' caches are recognised by it).
 *
 * @returns {{find: () => Promise<Response|null>, keep: (fetchIt: boolean) => Promise<void>,
 *            forget: () => Promise<void>}}
 */
export function snapshotStore(url, siteAssets) {
  const storage = url ? self.caches : undefined; // undefined in an insecure context
  const name = CACHE_PREFIX + url;
  let done = false; // found, fetched, or found unusable: this engine never fetches it again
  let keeping = null; // the one keep() of this engine, once it has started

  return {
    /** The kept snapshot's response, or null; never asks the network. */
    async find() {
      try {
        if (!storage || !(await storage.has(name))) return null;
        const response = await (await storage.open(name)).match(url);
        done ||= Boolean(response);
        return response ?? null;
      } catch {
        return null; // storage refused (a private window, a full disk): boot as on a first visit
      }
    },

    /** Fetch and keep this snapshot if `fetchIt`, then delete older builds' snapshots
     *  (last: once they are gone, this engine has done all it will for the next visit).
     *  Only the first call acts; later ones share its promise. */
    keep(fetchIt) {
      keeping ??= (async () => {
        if (!storage) return;
        try {
          if (fetchIt && !done) {
            done = true;
            // Not into the HTTP cache as well: Cache Storage holds the one copy.
            const response = await fetch(url, { cache: "no-store" });
            if (response.ok) await (await storage.open(name)).put(url, response);
          }
        } finally {
          const older = (await storage.keys()).filter(
            (key) => key.startsWith(CACHE_PREFIX + siteAssets) && key !== name);
          await Promise.all(older.map((key) => storage.delete(key)));
        }
      })();
      return keeping;
    },

    /** Drop a snapshot this Pyodide could not restore (the same file would fail again). */
    async forget() {
      done = true;
      if (storage) await storage.delete(name);
    },
  };
}
