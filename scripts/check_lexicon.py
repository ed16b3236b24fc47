"""Check the French trigger lexicon: structure, lemma sequences, and coverage of the Wikinews corpus.

    python scripts/check_lexicon.py [--lexicon generator/data/lexicon/fr.yml]
        [--corpus /work/shared/corpus/wikinews-fr.jsonl] [--cache /tmp/briefing-fr-lemmas.pkl] [--top 50]

1. Structure: every PLOVER type defined with a score in -10..10 and a known quad; every trigger has a
   known type and pos (VERB, NOUN, ADJ); no duplicate (lemma, pos).
2. Lemmas: each probe sentence below is run through fr_core_news_sm and the trigger it names must be
   found there (same contiguous lemma-or-surface matching as the extractor); multiword triggers without
   a probe and without a corpus hit are listed.
3. Coverage: the share of corpus sentences with at least one trigger, hits per type, and the most
   frequent VERB/NOUN lemmas that are not triggers (so a reviewer sees what is left out).
The parsed corpus (lemma, pos, lowercased text per token, per sentence) is cached in --cache.
"""

from __future__ import annotations

import argparse
import collections
import json
import pickle
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
POS = ("VERB", "NOUN", "ADJ")

# (sentence, trigger lemma): the trigger must match in the parsed sentence.
PROBES = [
    ("Les deux camps ont conclu un cessez-le-feu et une trêve.", "cessez-le-feu"),
    ("Les deux camps ont signé un accord de cessez-le-feu.", "accord de cessez-le-feu"),
    ("Les États-Unis ont mis en garde la Russie.", "mettre en garde"),
    ("La mise en garde de Washington a été entendue.", "mise en garde"),
    ("Moscou a haussé le ton contre Kiev.", "hausser le ton"),
    ("La prise d'otages a duré trois heures.", "prise de otage"),
    ("Il a été placé en garde à vue.", "placer en garde à vue"),
    ("Sa garde à vue a été prolongée.", "garde à vue"),
    ("Le coup d'État a échoué.", "coup de état"),
    ("Il a porté plainte contre le ministre.", "porter plainte"),
    ("Elle a déposé plainte contre X.", "déposer plainte"),
    ("Le gouvernement a fait appel de la décision.", "faire appel"),
    ("Les soldats ont ouvert le feu sur les manifestants.", "ouvrir le feu"),
    ("Le pape a lancé un appel à la paix.", "lancer un appel"),
    ("Le président a lancé un appel au calme.", "appel au calme"),
    ("Il a appelé au calme.", "appeler au calme"),
    ("Ils ont eu un entretien téléphonique.", "entretien téléphonique"),
    ("Un appel téléphonique a eu lieu entre les deux présidents.", "appel téléphonique"),
    ("Une conversation téléphonique a eu lieu hier.", "conversation téléphonique"),
    ("Il s'est entretenu avec son homologue.", "entretenir"),
    ("Le ministre a été mis en examen.", "mettre en examen"),
    ("Sa mise en examen a surpris.", "mise en examen"),
    ("Le ministre est mis en cause dans l'affaire.", "mettre en cause"),
    ("La mise en cause du ministre a surpris.", "mise en cause"),
    ("La Russie a opposé son veto à la résolution.", "opposer son veto"),
    ("Il a rendu visite au roi.", "rendre visite"),
    ("Il a rendu hommage aux victimes.", "rendre hommage"),
    ("Les rebelles ont pris le contrôle de la ville.", "prendre le contrôle"),
    ("La prise de contrôle de la ville a duré une journée.", "prise de contrôle"),
    ("Les rebelles ont pris d'assaut le bâtiment.", "prendre de assaut"),
    ("Ils ont fait exploser une bombe.", "faire exploser"),
    ("Il a été condamné à mort.", "condamner à"),
    ("Sa condamnation à perpétuité a été confirmée.", "condamnation à"),
    ("Les États-Unis ont levé les sanctions.", "lever le sanction"),
    ("L'état d'urgence a été décrété.", "état de urgence"),
    ("L'état de siège a été proclamé.", "état de siège"),
    ("L'état d'alerte a été déclaré.", "état de alerte"),
    ("Les cheminots ont fait grève lundi.", "faire grève"),
    ("La grève de la faim continue.", "grève de le faim"),
    ("Des frappes aériennes ont touché la ville.", "frappe aérien"),
    ("Une frappe aérienne a touché la ville.", "frappe aérienne"),
    ("Une frappe de drone a tué dix personnes.", "frappe de drone"),
    ("Des tirs de roquettes ont visé la ville.", "tir de roquette"),
    ("Un tir de missile a été détecté.", "tir de missile"),
    ("Un essai de missile a eu lieu.", "essai de missile"),
    ("La Corée du Nord a procédé à un essai nucléaire.", "essai nucléaire"),
    ("Les deux pays ont tenu un exercice militaire.", "exercice militaire"),
    ("Ils ont mené un exercice conjoint.", "exercice conjoint"),
    ("Un entraînement conjoint est prévu.", "entraînement conjoint"),
    ("C'est une démonstration de force.", "démonstration de force"),
    ("L'armée a été mise en alerte.", "mettre en alerte"),
    ("Les troupes sont en alerte maximale.", "alerte maximal"),
    ("Le pays a annoncé l'envoi de troupes.", "envoi de troupe"),
    ("Le pays va envoyer des troupes au Mali.", "envoyer un troupe"),
    ("Le pays veut renforcer ses capacités militaires.", "renforcer son capacité militaire"),
    ("Un dispositif de sécurité a été déployé.", "dispositif de sécurité"),
    ("Une intervention armée est envisagée.", "intervention armée"),
    ("Une intervention militaire est envisagée.", "intervention militaire"),
    ("Une opération militaire a été lancée.", "opération militaire"),
    ("Le conflit armé dure depuis dix ans.", "conflit armé"),
    ("La guerre civile dure depuis dix ans.", "guerre civil"),
    ("Il est accusé de crimes de guerre.", "crime de guerre"),
    ("Il s'agit d'un nettoyage ethnique.", "nettoyage ethnique"),
    ("Un incendie criminel a détruit la mairie.", "incendie criminel"),
    ("L'occupation militaire du territoire continue.", "occupation militaire"),
    ("Le siège militaire de la ville continue.", "siège militaire"),
    ("Les policiers ont tiré sur la foule.", "tirer sur"),
    ("Un mandat d'arrêt a été émis contre lui.", "mandat de arrêt"),
    ("Il a été assigné à résidence.", "assigner à résidence"),
    ("Il a été placé en détention provisoire.", "placer en détention"),
    ("Il a été reconduit à la frontière.", "reconduire à le frontière"),
    ("La police a utilisé du gaz lacrymogène.", "gaz lacrymogène"),
    ("La police a utilisé des canons à eau.", "canon à eau"),
    ("La loi martiale a été proclamée.", "loi martial"),
    ("La peine de mort a été requise.", "peine de mort"),
    ("Il a été poursuivi en justice par l'État.", "poursuivre en justice"),
    ("Les poursuites judiciaires sont engagées.", "poursuite judiciaire"),
    ("Il a attaqué en justice le ministre.", "attaquer en justice"),
    ("Il les a traités de terroristes.", "traiter de"),
    ("Les deux pays ont signé un accord de paix.", "accord de paix"),
    ("Ils ont conclu un accord sur le nucléaire.", "conclure un accord"),
    ("Ils ont trouvé un accord sur le nucléaire.", "trouver un accord"),
    ("Ils ont adopté une feuille de route.", "feuille de route"),
    ("Une conférence de paix se tiendra à Genève.", "conférence de paix"),
    ("Le président a reconnu sa défaite.", "reconnaître sa défaite"),
    ("Le président a quitté le pouvoir.", "quitter le pouvoir"),
    ("Il a cédé le pouvoir à l'armée.", "céder le pouvoir"),
    ("Il refuse d'abandonner le pouvoir.", "abandonner le pouvoir"),
    ("Il a obtenu une grâce présidentielle.", "grâce présidentiel"),
    ("Le gouvernement a donné son feu vert.", "feu vert"),
    ("Les rebelles ont déposé les armes.", "déposer le arme"),
    ("Le pays a retiré ses troupes de Syrie.", "retirer son troupe"),
    ("Le retrait des troupes est achevé.", "retrait de troupe"),
    ("Un échange de prisonniers a eu lieu.", "échange de prisonnier"),
    ("Un convoi humanitaire est arrivé.", "convoi humanitaire"),
    ("L'aide humanitaire est arrivée.", "aide humanitaire"),
    ("Les sauveteurs ont porté secours aux victimes.", "porter secours"),
    ("Le pays va accueillir des réfugiés.", "accueillir un réfugié"),
    ("Les échanges commerciaux ont augmenté.", "échange commercial"),
    ("Le Canada va rejoindre la coalition.", "rejoindre le coalition"),
    ("Il a rappelé son ambassadeur.", "rappeler son ambassadeur"),
    ("Le pays a fermé la frontière.", "fermer le frontière"),
    ("La fermeture de la frontière a été décidée.", "fermeture de le frontière"),
    ("Ils ont coupé les ponts avec Téhéran.", "couper le pont"),
    ("Le pays a suspendu sa participation aux négociations.", "suspendre son participation"),
    ("Il a prononcé une mesure de rétorsion.", "mesure de rétorsion"),
    ("Les droits de douane ont été relevés.", "droit de douane"),
    ("Les tarifs douaniers ont été relevés.", "tarif douanier"),
    ("La délégation a claqué la porte.", "claquer le porte"),
    ("L'opposition a rompu les négociations.", "rompre le négociation"),
    ("Les manifestants sont descendus dans la rue.", "descendre dans le rue"),
    ("Le mouvement social se durcit.", "mouvement social"),
    ("Le parlement l'a mis en demeure.", "mettre en demeure"),
    ("Il a reçu une mise en demeure.", "mise en demeure"),
    ("Les prix ont été menacés de hausse.", "menacer"),
]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    errors = []
    types = data.get("types") or {}
    for name in PLOVER:
        if name not in types:
            errors.append(f"type {name} missing")
    for name, spec in types.items():
        if name not in PLOVER:
            errors.append(f"unknown type {name}")
        elif not (-10 <= float(spec["score"]) <= 10) or spec.get("quad") not in QUADS:
            errors.append(f"bad type spec {name}: {spec}")
    seen = set()
    for t in data.get("triggers") or []:
        key = (t.get("lemma"), t.get("pos"))
        if not isinstance(t.get("lemma"), str) or t.get("pos") not in POS or t.get("type") not in types:
            errors.append(f"bad trigger {t}")
        if "score" in t and not (-10 <= float(t["score"]) <= 10):
            errors.append(f"score out of range {t}")
        if key in seen:
            errors.append(f"duplicate (lemma, pos) {key}")
        seen.add(key)
        if t["lemma"] != t["lemma"].strip() or "’" in t["lemma"]:
            errors.append(f"lemma with padding or a typographic apostrophe (write d', l', s') {t}")
    modality = data.get("modality") or {}
    for k in ("reported", "hypothetical", "denied", "negation"):
        if not isinstance(modality.get(k), list):
            errors.append(f"modality.{k} missing")
    for k in ("support_verbs", "concern"):
        if not isinstance(data.get(k), list):
            errors.append(f"{k} missing")
    order = [(list(PLOVER).index(t["type"]), t["lemma"], t["pos"]) for t in data["triggers"]]
    if order != sorted(order):
        errors.append("triggers are not sorted by type, then lemma")
    if errors:
        print("INVALID:\n  " + "\n  ".join(errors))
        sys.exit(1)
    return data


def matches(sentence: list[tuple[str, str, str]], triggers: list[dict]) -> list[dict]:
    """Triggers found in one sentence, as the extractor does: multiword (lemma or lowercased surface per
    word, contiguous) first, then single words by (lemma, pos) with ADJ/PROPN falling back to VERB/NOUN."""
    used: set[int] = set()
    found = []
    multi = sorted((t for t in triggers if " " in t["lemma"]), key=lambda t: -len(t["lemma"].split()))
    single = {(t["lemma"], t["pos"]): t for t in triggers if " " not in t["lemma"]}
    for t in multi:
        words = t["lemma"].split()
        n = len(words)
        for i in range(len(sentence) - n + 1):
            window = sentence[i : i + n]
            if all(w in (lem, low) for w, (lem, _, low) in zip(words, window)) and not used & set(range(i, i + n)):
                found.append(t)
                used.update(range(i, i + n))
    for i, (lemma, pos, _) in enumerate(sentence):
        if i in used:
            continue
        pos = "VERB" if pos == "AUX" else pos
        t = single.get((lemma, pos))
        if t is None and pos == "ADJ":
            t = single.get((lemma, "VERB"))
        if t is None and pos == "PROPN":
            t = single.get((lemma, "NOUN"))
        if t is not None:
            found.append(t)
    return found


def parse_corpus(nlp, corpus: Path, cache: Path) -> list[list[tuple[str, str, str]]]:
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines() if line.strip()]
    sents = []
    for doc in nlp.pipe(texts, batch_size=32):
        for s in doc.sents:
            sents.append([(t.lemma_.lower(), t.pos_, t.lower_) for t in s])
    cache.write_bytes(pickle.dumps(sents))
    return sents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicon", type=Path, default=ROOT / "generator/data/lexicon/fr.yml")
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/wikinews-fr.jsonl"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/briefing-fr-lemmas.pkl"))
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()

    data = load(args.lexicon)
    triggers = data["triggers"]
    by_type = collections.Counter(t["type"] for t in triggers)
    multi = [t for t in triggers if " " in t["lemma"]]
    print(f"{args.lexicon.name} {data.get('version')}: {len(triggers)} triggers ({len(multi)} multiword)")
    print("  per type: " + ", ".join(f"{k} {by_type[k]}" for k in PLOVER))

    import spacy

    nlp = spacy.load("fr_core_news_sm", disable=["ner"])
    failed = []
    probed = set()
    for sentence, lemma in PROBES:
        if lemma is None:
            continue
        probed.add(lemma)
        doc = nlp(sentence)
        toks = [(t.lemma_.lower(), t.pos_, t.lower_) for t in doc]
        entry = [t for t in triggers if t["lemma"] == lemma]
        if not entry:
            failed.append(f"{lemma!r}: not in the lexicon")
        elif not any(f["lemma"] == lemma for f in matches(toks, entry)):
            failed.append(f"{lemma!r} not found in {sentence!r}: " + " ".join(f"{a}/{b}" for a, b, _ in toks))
    print(f"lemma probes: {len(probed) - len(failed)}/{len(probed)} ok")
    for f in failed:
        print("  FAIL", f)

    sents = parse_corpus(nlp, args.corpus, args.cache)
    hits = collections.Counter()
    per_type = collections.Counter()
    covered = 0
    for s in sents:
        found = matches(s, triggers)
        if found:
            covered += 1
        for t in found:
            hits[(t["lemma"], t["pos"])] += 1
            per_type[t["type"]] += 1
    print(f"corpus: {len(sents)} sentences, {covered} ({covered / len(sents):.1%}) with at least one trigger; "
          f"{sum(per_type.values())} trigger hits")
    print("  hits per type: " + ", ".join(f"{k} {per_type[k]}" for k in PLOVER))
    used = sum(1 for t in triggers if hits[(t["lemma"], t["pos"])])
    print(f"  triggers with at least one hit: {used}/{len(triggers)}")
    unprobed = [t["lemma"] for t in multi if t["lemma"] not in probed and not hits[(t["lemma"], t["pos"])]]
    if unprobed:
        print("  multiword triggers neither probed nor seen in the corpus: " + ", ".join(unprobed))
    print("  most frequent triggers: " + ", ".join(f"{l}/{p} {n}" for (l, p), n in hits.most_common(25)))

    known = {(t["lemma"], t["pos"]) for t in triggers if " " not in t["lemma"]}
    counts = collections.Counter((lem, pos) for s in sents for lem, pos, _ in s if pos in ("VERB", "NOUN"))
    for pos in ("VERB", "NOUN"):
        left = [(lem, n) for (lem, p), n in counts.most_common() if p == pos and (lem, pos) not in known and lem.isalpha()]
        print(f"top {args.top} {pos} lemmas not in the lexicon: " + ", ".join(f"{lem} {n}" for lem, n in left[: args.top]))


if __name__ == "__main__":
    main()
