/* loyaliteit intervisie: the page's few behaviours, in plain JavaScript (no library).
 *
 * Every change is a POST with a JSON body to this session's own address, with the
 * session's key in a header. The server answers with the parts of the page that
 * changed, as HTML it rendered and escaped itself; they are put in place here, keeping
 * which derivations were open and where the keyboard focus was. Nothing from the case
 * text is ever turned into markup by this script.
 */
(function () {
  "use strict";

  var sleutel = document.querySelector('meta[name="intervisie-sleutel"]').content;
  var melding = document.getElementById("melding");
  var dialoog = document.getElementById("toevoegen");
  var zoek = document.getElementById("zoek");
  var geenKeuze = document.getElementById("geen-keuze");
  var keuzes = Array.prototype.slice.call(document.querySelectorAll("#keuzes li"));
  var gekozen = null; // {begin, eind} of the sentence(s) a signal is added to
  var actief = -1; // index in `zichtbaar` of the highlighted option
  var zichtbaar = keuzes;
  var rij = Promise.resolve(); // requests go one after the other, in order
  var afsluitenGevraagd = false;

  function zeg(tekst, fout, link) {
    melding.textContent = tekst || "";
    melding.className = fout ? "fout" : "";
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = " Bekijk het verslag.";
      melding.appendChild(a);
    }
  }

  function focusPlek() {
    var el = document.activeElement;
    if (!el || !el.dataset || !el.dataset.focus) return null;
    var zelfde = document.querySelectorAll('[data-focus="' + CSS.escape(el.dataset.focus) + '"]');
    return { sleutel: el.dataset.focus, index: Array.prototype.indexOf.call(zelfde, el) };
  }

  function herstelFocus(plek) {
    if (!plek) return;
    var zelfde = document.querySelectorAll('[data-focus="' + CSS.escape(plek.sleutel) + '"]');
    var el = zelfde[Math.min(plek.index, zelfde.length - 1)];
    if (el) el.focus();
  }

  function zetDelen(delen) {
    var plek = focusPlek();
    var open = {};
    document.querySelectorAll("details[data-sleutel]").forEach(function (d) {
      open[d.dataset.sleutel] = d.open;
    });
    Object.keys(delen).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.innerHTML = delen[id]; // server-rendered, escaped HTML
    });
    document.querySelectorAll("details[data-sleutel]").forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(open, d.dataset.sleutel)) d.open = open[d.dataset.sleutel];
    });
    herstelFocus(plek);
  }

  function verstuur(pad, gegevens) {
    return fetch(pad, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Intervisie-Sleutel": sleutel },
      body: JSON.stringify(gegevens || {})
    })
      .then(function (antwoord) {
        return antwoord.json().then(
          function (json) { json.ok = antwoord.ok; return json; },
          function () { return { ok: false, melding: "Onverwacht antwoord van de server (" + antwoord.status + ")." }; }
        );
      })
      .then(function (json) {
        if (json.delen) zetDelen(json.delen);
        zeg(json.melding, !json.ok, json.bekijk);
        balkHoogte();
        document.body.dataset.antwoorden = String(Number(document.body.dataset.antwoorden || 0) + 1);
        return json;
      })
      .catch(function () {
        zeg("De server is niet bereikbaar. Is de sessie afgesloten?", true);
        return { ok: false };
      });
  }

  function stuur(pad, gegevens) {
    rij = rij.then(function () { return verstuur(pad, gegevens); });
    return rij;
  }

  var wieVeld = document.getElementById("wie");
  try {
    wieVeld.value = window.sessionStorage.getItem("intervisie-wie") || "";
  } catch (e) { /* no storage: the name is simply asked again */ }
  wieVeld.addEventListener("change", function () {
    try { window.sessionStorage.setItem("intervisie-wie", wieVeld.value); } catch (e) { /* idem */ }
  });

  function wie() {
    return wieVeld.value;
  }

  // --- choosing a sentence and a signal ---------------------------------------------

  function markeerGekozen() {
    document.querySelectorAll("#tekst .zin").forEach(function (z) {
      var binnen = gekozen && Number(z.dataset.begin) < gekozen.eind && Number(z.dataset.eind) > gekozen.begin;
      z.classList.toggle("gekozen", Boolean(binnen));
    });
  }

  function kies(begin, eind, tekst) {
    gekozen = { begin: begin, eind: eind };
    markeerGekozen();
    document.getElementById("gekozen-zin").textContent = "“" + tekst + "”";
    zoek.value = "";
    filter();
    dialoog.showModal();
    zoek.focus();
  }

  function kiesZin(zin) {
    kies(Number(zin.dataset.begin), Number(zin.dataset.eind), zin.textContent);
  }

  function kiesSelectie() {
    var selectie = window.getSelection();
    if (!selectie || selectie.isCollapsed) return false;
    var zinnen = Array.prototype.filter.call(document.querySelectorAll("#tekst .zin"), function (z) {
      return selectie.containsNode(z, true);
    });
    if (zinnen.length < 2) return false;
    var tekst = zinnen.map(function (z) { return z.textContent; }).join(" ");
    kies(Number(zinnen[0].dataset.begin), Number(zinnen[zinnen.length - 1].dataset.eind), tekst);
    return true;
  }

  function zoekvorm(tekst) {
    return tekst.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function filter() {
    var woorden = zoekvorm(zoek.value).split(/\s+/).filter(Boolean);
    zichtbaar = keuzes.filter(function (li) {
      var past = woorden.every(function (w) { return li.dataset.zoek.indexOf(w) >= 0; });
      li.hidden = !past;
      return past;
    });
    geenKeuze.hidden = zichtbaar.length > 0;
    zetActief(zichtbaar.length ? 0 : -1);
  }

  function zetActief(index) {
    keuzes.forEach(function (li) { li.setAttribute("aria-selected", "false"); });
    actief = index;
    if (index < 0) {
      zoek.removeAttribute("aria-activedescendant");
      return;
    }
    var li = zichtbaar[index];
    li.setAttribute("aria-selected", "true");
    zoek.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  function neem(li) {
    if (!li || !gekozen) return;
    var gegevens = { soort: "toegevoegd", signaal: li.dataset.signaal, begin: gekozen.begin, eind: gekozen.eind, wie: wie() };
    dialoog.close();
    stuur("besluit", gegevens);
  }

  zoek.addEventListener("input", filter);
  zoek.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && zichtbaar.length) {
      e.preventDefault();
      zetActief(Math.min(actief + 1, zichtbaar.length - 1));
    } else if (e.key === "ArrowUp" && zichtbaar.length) {
      e.preventDefault();
      zetActief(Math.max(actief - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      neem(zichtbaar[actief]);
    } else if (e.key === "Escape") {
      e.preventDefault(); // one Escape closes, also when the search field has text
      dialoog.close();
    }
  });
  document.getElementById("keuzes").addEventListener("click", function (e) {
    neem(e.target.closest("li"));
  });
  dialoog.addEventListener("close", function () {
    gekozen = null;
    markeerGekozen();
  });

  // --- buttons, sentences and keys --------------------------------------------------

  var acties = {
    bevestigd: function (knop) { return stuur("besluit", { soort: "bevestigd", signaal: knop.dataset.signaal, wie: wie() }); },
    verworpen: function (knop) { return stuur("besluit", { soort: "verworpen", signaal: knop.dataset.signaal, wie: wie() }); },
    ingetrokken: function (knop) { return stuur("besluit", { soort: "ingetrokken", signaal: knop.dataset.signaal, wie: wie() }); },
    omdraaien: function (knop) { return stuur("omdraaien", { nummer: Number(knop.dataset.nummer) }); },
    laatste: function () { return stuur("laatste"); },
    opslaan: function () { return stuur("opslaan"); },
    herladen: function () { return stuur("herladen"); },
    verslag: function () { return stuur("verslag"); },
    annuleren: function () { dialoog.close(); },
    afsluiten: function () {
      return stuur("afsluiten", { zeker: afsluitenGevraagd }).then(function (json) {
        afsluitenGevraagd = Boolean(json && json.vraag);
        if (json && json.ok) {
          document.querySelectorAll("button, input").forEach(function (el) { el.disabled = true; });
        }
      });
    }
  };

  document.addEventListener("click", function (e) {
    var knop = e.target.closest("[data-actie]");
    if (knop && acties[knop.dataset.actie]) {
      e.preventDefault();
      acties[knop.dataset.actie](knop);
      return;
    }
    var zin = e.target.closest("#tekst .zin");
    if (zin && window.getSelection().isCollapsed) kiesZin(zin);
  });

  function balkHoogte() {
    var balk = document.querySelector(".balk");
    document.documentElement.style.setProperty("--balk", balk.offsetHeight + "px");
  }
  window.addEventListener("resize", balkHoogte);
  balkHoogte();

  document.getElementById("tekst").addEventListener("mouseup", function () {
    window.setTimeout(kiesSelectie, 0);
  });

  document.addEventListener("keydown", function (e) {
    var zin = e.target.closest && e.target.closest("#tekst .zin");
    if (zin && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      kiesZin(zin);
      return;
    }
    var inVeld = e.target.matches && e.target.matches("input, textarea");
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      stuur("opslaan");
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !inVeld && !dialoog.open) {
      e.preventDefault();
      stuur("laatste");
    }
  });
})();
