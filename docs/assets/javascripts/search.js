// Sökningen på Trygg plan (Pagefind). Laddas av overrides/partials/tp-search.html först när sökrutan
// får fokus, och hämtar då Pagefind och de delar av indexet som frågan behöver.
//
// Tillgänglighet: rutan har en etikett, resultaten är vanliga länkar i en lista som nås med Tab (eller
// pil ned från rutan), Esc stänger listan och lämnar fokus i rutan, och antalet träffar läses upp av
// skärmläsare genom en statusrad (aria-live). Ord på en bokstav ("i", "å") söks inte och markeras inte.
//
// Indexet är två delar (tryggplan/site/search.py): planer, kommunsidor och samverkan i "pagefind/",
// uppföljningar och indikatorer i den del som rutans data-more pekar på. Den första frågan söker i den
// första delen; den andra läggs till när besökaren väljer "Sök också i uppföljningar och indikatorer",
// eller av sig själv när den första delen ger färre träffar än en sida. Då söks allt tills sidan laddas om.

const PAGE_SIZE = 5;
const SUBS_PER_RESULT = 3;
const DEBOUNCE_MS = 180;
// Plansidor är långa; utan justering vinner korta sidor (enheter, indikatorer) över planen som har
// åtgärden. Sidornas ordvikter sätts vid indexeringen (tryggplan/site/search.py, PAGE_WEIGHTS); här
// räknas sidlängden nästan inte, träff i rubriken ger en mindre skjuts än standardvärdet 5 och planens
// kortnamn ("Åtgärdsplan 2024 Kungsholmen") en större. Sidtyp och dokumentnamn påverkar inte ordningen.
const RANKING = {
  pageLength: 0.1, termFrequency: 0.6, termSimilarity: 1.0, termSaturation: 1.2,
  metaWeights: { title: 0.5, kortnamn: 3.0, kommun: 1.0, sida: 0.0, dokument: 0.0 },
};
const COLLATOR = new Intl.Collator("sv");

const count = (n) => (n === 1 ? "1 träff" : `${n} träffar`);
const quoted = (q) => `”${q}”`;

/** Words of one letter ("i", "å", "ö") carry no meaning for the search and would match every page. */
export function cleanQuery(raw) {
  const words = raw.trim().split(/\s+/u).filter(Boolean);
  const long = words.filter((w) => [...w].length > 1);
  return (long.length ? long : words).join(" ");
}

/**
 * The query with Swedish plural endings (-ar, -er, -or, -arna, -erna, -orna after at least five
 * letters) taken off. Pagefind's Swedish stemmer gives "insatser" and "insats" different stems
 * ("insats", "insat"), so a plural query alone misses pages that only have the singular; the search
 * runs both and merges them. The extra query can only add results, never remove any.
 */
export function singularQuery(query) {
  return query.split(" ").map((w) => w.replace(/^(\p{L}{5,}?)(?:arna|erna|orna|ar|er|or)$/iu, "$1")).join(" ");
}

/** Pagefind's excerpt is escaped HTML with <mark> around hits; drop the marks on one-letter words. */
export function cleanExcerpt(html) {
  return html.replace(/<mark>([^<]?)<\/mark>/gu, "$1");
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

export async function start(box, root) {
  const input = box.querySelector(".tp-search__input");
  const panel = box.querySelector(".tp-search__panel");
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  const options = { baseUrl: root.pathname, excerptLength: 24, ranking: RANKING };
  await pagefind.options(options);
  pagefind.init();
  const moreBundle = box.dataset.more ? new URL(box.dataset.more, root) : null;
  let widened = !moreBundle;
  let widening = null;
  const widen = () => {
    widening ??= pagefind.mergeIndex(moreBundle.pathname, options).then(() => { widened = true; });
    return widening;
  };

  const kommun = el("select", { id: "tp-search-kommun", class: "tp-search__select" },
    el("option", { value: "", text: "Alla kommuner" }));
  const typ = el("select", { id: "tp-search-typ", class: "tp-search__select" },
    el("option", { value: "", text: "Alla dokumenttyper" }));
  const summary = el("p", { class: "tp-search__summary" });
  const hint = el("p", { class: "tp-search__hint", hidden: true },
    "Hitta din kommun i ", el("a", { href: new URL("kommuner/", root).href, text: "listan över kommuner" }),
    " och läs planen där, eller sök med ett annat ord.");
  const list = el("ol", { class: "tp-search__results", "aria-label": "Sökresultat" });
  const more = el("button", { type: "button", class: "tp-search__more", hidden: true });
  const wider = el("button", { type: "button", class: "tp-search__wider", hidden: true,
    text: "Sök också i uppföljningar och indikatorer" });
  const status = el("p", { class: "tp-search__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  panel.append(
    el("div", { class: "tp-search__filters" },
      el("div", { class: "tp-search__filter" }, el("label", { for: kommun.id, text: "Kommun" }), kommun),
      el("div", { class: "tp-search__filter" }, el("label", { for: typ.id, text: "Dokumenttyp" }), typ)),
    summary, hint, list, more, wider);
  box.append(status);

  let filtersLoaded = null;
  const loadFilters = () => {
    filtersLoaded ??= pagefind.filters().then((all) => {
      for (const [select, key] of [[kommun, "kommun"], [typ, "dokumenttyp"]]) {
        const values = Object.keys(all[key] || {}).sort(COLLATOR.compare);
        select.append(...values.map((value) => el("option", { value, text: value })));
      }
    });
    return filtersLoaded;
  };

  // The filter values (every municipality) are fetched when a filter is first used, not with the
  // first query: a visitor who only searches never downloads them.
  for (const select of [kommun, typ]) {
    for (const event of ["focus", "pointerdown", "mouseover"]) select.addEventListener(event, loadFilters);
  }

  let results = [];
  let shown = 0;
  let sequence = 0;
  let timer = 0;

  const open = () => { panel.hidden = false; };
  const close = () => { panel.hidden = true; };

  function resultItem(data) {
    const title = data.meta?.title || data.url;
    const about = [data.meta?.sida, data.meta?.kommun, data.meta?.dokument !== title ? data.meta?.dokument : ""]
      .filter(Boolean).join(" · ");
    const item = el("li", { class: "tp-search__result" },
      el("a", { class: "tp-search__link", href: data.url, text: title }));
    if (about) item.append(el("p", { class: "tp-search__about", text: about }));
    if (data.excerpt) item.append(el("p", { class: "tp-search__excerpt", html: cleanExcerpt(data.excerpt) }));
    const subs = (data.sub_results || []).filter((sub) => sub.anchor && sub.url !== data.url).slice(0, SUBS_PER_RESULT);
    if (subs.length) {
      item.append(el("ul", { class: "tp-search__subs", "aria-label": `Träffar i ${title}` }, ...subs.map((sub) =>
        el("li", {},
          el("a", { class: "tp-search__sublink", href: sub.url, text: sub.title }),
          el("p", { class: "tp-search__excerpt", html: cleanExcerpt(sub.excerpt || "") })))));
    }
    return item;
  }

  async function showMore(mine, focusFirst) {
    const slice = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(slice.map((result) => result.data()));
    if (mine !== sequence) return;
    const items = data.map(resultItem);
    list.append(...items);
    shown += slice.length;
    const left = results.length - shown;
    more.hidden = left <= 0;
    more.textContent = `Visa fler träffar (${left} till)`;
    if (focusFirst && items.length) items[0].querySelector("a").focus();
  }

  /** Results of the query and its singular form, best score first, or null if a newer run began. */
  async function find(query, filters, mine) {
    const variant = singularQuery(query);
    const searches = await Promise.all([query, ...(variant !== query ? [variant] : [])]
      .map((q) => pagefind.search(q, { filters })));
    if (mine !== sequence || searches.some((search) => !search)) return null;
    const best = new Map();
    for (const result of searches.flatMap((search) => search.results)) {
      if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  async function run(focusFirst = false) {
    const query = cleanQuery(input.value);
    const mine = ++sequence;
    if (!query) {
      close();
      status.textContent = "";
      return;
    }
    const filters = {};
    if (kommun.value) filters.kommun = kommun.value;
    if (typ.value) filters.dokumenttyp = typ.value;
    let found = await find(query, filters, mine);
    if (found && !widened && found.length < PAGE_SIZE) {
      await widen();  // few hits in the plans: look in the follow-ups and indicators too
      found = mine === sequence ? await find(query, filters, mine) : null;
    }
    if (!found) return;
    results = found;
    shown = 0;
    list.replaceChildren();
    await showMore(mine, focusFirst);
    if (mine !== sequence) return;
    const where = [kommun.value && `i ${kommun.value}`, typ.value && `(dokumenttyp ${typ.value.toLowerCase()})`]
      .filter(Boolean).join(" ");
    const searched = widened ? "" : " Sökt i planer och på kommunsidor.";
    const text = results.length
      ? `${count(results.length)} för ${quoted(query)}${where ? " " + where : ""}.${searched}`
      : `Inga träffar för ${quoted(query)}${where ? " " + where : ""}.`;
    summary.textContent = text;
    hint.hidden = results.length > 0;
    wider.hidden = widened;
    status.textContent = results.length ? text : `${text} Hitta din kommun i listan över kommuner.`;
    open();
  }

  function schedule() {
    clearTimeout(timer);
    sequence++;  // a search still running for what was typed before is not shown
    const query = cleanQuery(input.value);
    if (query) {
      pagefind.preload(query);
      if (singularQuery(query) !== query) pagefind.preload(singularQuery(query));
    }
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  input.addEventListener("input", schedule);
  kommun.addEventListener("change", run);
  typ.addEventListener("change", run);
  box.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  more.addEventListener("click", () => showMore(sequence, true));
  wider.addEventListener("click", async () => {
    wider.disabled = true;
    status.textContent = "Söker också i uppföljningar och indikatorer …";
    await widen();
    wider.disabled = false;
    await run(true);
  });
  const hasResults = () => cleanQuery(input.value) && summary.textContent;
  input.addEventListener("click", () => { if (hasResults()) open(); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && hasResults()) {
      open();
      const first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
      input.focus();
    }
  });
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget) && event.relatedTarget) close();
  });
  document.addEventListener("click", (event) => { if (!box.contains(event.target)) close(); });

  if (cleanQuery(input.value)) run();
  return { run };
}
