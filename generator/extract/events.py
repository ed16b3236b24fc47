"""Events of one article: lexicon triggers, their source and target from the parse, and modality."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import ELIDED, Lexicon, Trigger
from ..model import Event, TextSpan
from .actors import ActorIndex
from .dates import is_future, resolve_date
from .sentences import sentence_of, sentence_spans

SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")
MEMBER_NOUNS = frozenset(
    "membre soldat casque employé agent représentant responsable force troupe militaire partisan dirigeant chef "
    "porte-parole délégation diplomate ambassadeur gouvernement autorité police armée service émissaire envoyé "
    "négociateur ministre fonctionnaire personnel combattant militant délégué élu député sénateur juge "
    "enquêteur policier gendarme officier commandant pilote avion navire unité brigade bleu".split()
)
CLAUSES = ("ccomp", "advcl", "conj", "parataxis", "acl:relcl", "xcomp", "csubj", "acl")
# Function words of both languages (English parses are rewritten to UD first: grammar.py).
SOURCE_CASES = ("par", "by")
TARGET_CASES = ("contre", "avec", "auprès", "envers", "à", "vers", "sur", "au", "aux", "entre",
                "against", "with", "to", "toward", "towards", "on", "upon", "at", "into", "between")
LOCATION_PREPOSITIONS = ("en", "dans", "in", "inside")
RELATIVE_PRONOUNS = ("qui", "lequel", "laquelle", "lesquels", "lesquelles", "who", "which", "that", "whom")
SPEECH_ACCUSATIONS = ("accuser", "soupçonner", "suspecter", "reprocher")
PENALTIES = frozenset("an année mois jour peine prison mort amende réclusion perpétuité emprisonnement".split())
PERSONAL_PRONOUNS = ("il", "elle", "ils", "elles", "he", "she", "they")
LOCATED_TYPES = ("CONSULT", "ASSAULT", "MOBILIZE")
# Acts done together: with two parties and no stated direction, the first named is the source.
SYMMETRIC_TYPES = ("CONSULT", "AGREE", "COOPERATE")
# Verbs whose subject also does the act their object names ("signer un contrat pour l'achat").
SUPPORTING_VERBS = frozenset({"signer", "conclure", "finaliser", "mener", "lancer", "effectuer", "annoncer",
                              "décider", "approuver", "préparer", "organiser", "poursuivre", "engager"})
# "le soutien de la France", "la démission de X": the noun's complement does the act...
GENITIVE_SOURCE = frozenset({"SUPPORT", "AID", "REQUEST", "ACCUSE", "THREATEN", "REJECT", "SANCTION", "CONCEDE",
                             "PROTEST", "MOBILIZE", "CONSULT"})
# ...while "l'arrestation de X", "la libération de X", "l'assassinat de X" happen to it.
GENITIVE_TARGET = frozenset({"COERCE", "RETREAT", "ASSAULT"})
DE_FORMS = ("de", "d'", "d’", "du", "des", "of")
NEGATIONS = frozenset("pas jamais aucun aucune guère nullement not never no n't".split())
CLAUSE_BREAKS = ("malgré", "mais", "car", "despite", "but", "because", "although", "while")
REPORTING = frozenset({"selon", "d'après", "according"})


@dataclass(frozen=True)
class Found:
    """A trigger occurrence: its tokens, the lexicon entry, and the token whose clause carries it."""

    tokens: Span
    trigger: Trigger
    predicate: Token
    reciprocal: bool = False
    """A reflexive verb with a plural subject ("s'affrontent"): its doers are also its targets."""


def find_events(doc: Doc, index: ActorIndex, lexicon: Lexicon, date: str) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple] = set()
    for sent in sentence_spans(doc):
        for found in _triggers(sent, lexicon):
            found = _reversed(found, lexicon)
            if found.trigger.lemmas == ("prévenir",) and not _warns(found.predicate, index):
                continue  # "pour prévenir des violences" prevents, it does not warn
            source, target = _arguments(found, index)
            source, target = _complete(found, source, target, index)
            if not source and not target:
                continue
            key = (sent.start, found.trigger.type, tuple(source), tuple(target))
            if key in seen:
                continue
            seen.add(key)
            events.append(
                Event(
                    type=found.trigger.type,
                    source=tuple(source),
                    target=tuple(target),
                    score=found.trigger.score,
                    quad=found.trigger.quad,
                    modality=_modality(found, lexicon),
                    date=resolve_date(sent.text, date, near=found.tokens.start_char - sent.start_char,
                                      future=is_future(found.predicate)),
                    trigger=TextSpan(found.tokens.text, found.tokens.start_char, found.tokens.end_char),
                    evidence=sentence_span(sent),
                )
            )
    return _without_echoes(events)


def _without_echoes(events: list[Event]) -> list[Event]:
    """One act told twice in a sentence ("s'est entretenu avec X pour discuter de ...") is one
    event: drop an event whose parties are all in another of the same type and sentence."""
    def covers(big: Event, small: Event) -> bool:
        return (big is not small and big.type == small.type and big.evidence == small.evidence
                and set(small.source) <= set(big.source) and set(small.target) <= set(big.target)
                and (len(big.source) + len(big.target), small.trigger.start) > (len(small.source) + len(small.target), big.trigger.start))
    return [e for e in events if not any(covers(other, e) for other in events)]


# Verbs that stop what their object names: "cut aid" reduces relations, "broke off talks" rejects them.
ENDING_VERBS = frozenset("cut suspend halt freeze stop end reduce withhold cancel postpone "
                         "suspendre geler couper interrompre arrêter annuler rompre réduire reporter".split())
REVERSED = {"AID": "SANCTION", "COOPERATE": "SANCTION", "CONSULT": "REJECT", "AGREE": "REJECT"}


def _reversed(found: Found, lexicon: Lexicon) -> Found:
    """An act of cooperation named as the object of an ending verb is its opposite, done by the
    verb's subject: "Washington suspended military aid to Pakistan" is a SANCTION."""
    noun = found.tokens.root
    verb = noun.head
    if (found.trigger.pos != "NOUN" or found.trigger.type not in REVERSED or noun.dep_ not in ("obj", "nsubj:pass")
            or verb.lemma_.lower() not in ENDING_VERBS):
        return found
    new_type = REVERSED[found.trigger.type]
    trigger = Trigger(found.trigger.lemmas, "NOUN", new_type, lexicon.score(new_type), lexicon.quad(new_type))
    return Found(found.tokens, trigger, verb, found.reciprocal)


def sentence_span(sent: Span) -> TextSpan:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return TextSpan(text, start, start + len(text))


def _pos(token: Token) -> str:
    return "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_


def _lemma(token: Token) -> str:
    """The token's lemma with typographic apostrophes unified: "d’" is "de" as "d'" is."""
    lemma = token.lemma_.lower().replace("’", "'")
    return ELIDED.get(lemma, lemma)


def _is_sentence(verb: Token) -> bool:
    """ "condamné à cinq ans de prison" is a court's sentence (COERCE), not a condemnation (ACCUSE)."""
    return any(t.lemma_.lower() in PENALTIES for t in verb.subtree if t.i > verb.i and t.i - verb.i < 12)


def _warns(verb: Token, index: ActorIndex) -> bool:
    """ "prévenir que ...", "prévenir Moscou": a warning has a message or an addressee."""
    return any(c.dep_ == "ccomp" or c.lower_ in ("que", "that") or (c.dep_ in ("obj", "iobj") and c.i in index.owners)
               for c in verb.children)


def _predicate(token: Token, trigger: Trigger, lexicon: Lexicon) -> Token:
    """The token whose clause carries the event: a support verb for its object noun ("imposer des
    sanctions", "procéder à un essai nucléaire"), else the trigger itself."""
    if trigger.pos == "NOUN" and token.dep_ in ("obj", "obl:arg") and token.head.lemma_.lower() in lexicon.support_verbs:
        return token.head
    return token


def _misread_verb(form: str, lexicon: Lexicon) -> Trigger | None:
    """A present-tense verb the tagger took for a bare noun: "dénonce" -> dénoncer."""
    for ending, infinitive in (("ent", "er"), ("es", "er"), ("e", "er")):
        if form.endswith(ending):
            trigger = lexicon.single.get((form[: -len(ending)] + infinitive, "VERB"))
            if trigger is not None:
                return trigger
    return None


def _triggers(sent: Span, lexicon: Lexicon) -> list[Found]:
    """Multiword triggers first, then single words; a noun that only names the content of another
    trigger noun ("contrat d'achat") yields to the inner one."""
    used: set[int] = set()
    found: list[Found] = []
    forms = [(_lemma(t), t.lower_.replace("’", "'")) for t in sent]
    positions: dict[str, list[int]] = {}
    for i, pair in enumerate(forms):
        for form in set(pair):
            positions.setdefault(form, []).append(i)
    for trigger in lexicon.multi:
        n = len(trigger.lemmas)
        for i in positions.get(trigger.lemmas[0], ()):
            window = forms[i : i + n]
            if len(window) == n and all(w in f for w, f in zip(trigger.lemmas, window)) and not used.intersection(range(i, i + n)):
                tokens = sent[i : i + n]
                found.append(Found(tokens, trigger, _predicate(tokens.root, trigger, lexicon)))
                used.update(range(i, i + n))
    for i, token in enumerate(sent):
        if i in used:
            continue
        lemma = token.lemma_.lower()
        trigger = None
        reciprocal = False
        if any(c.lemma_.lower() == "se" for c in token.children):
            trigger = lexicon.reflexive.get((lemma, _pos(token)))  # "se fournir" is buying, not supplying
            reciprocal = trigger is not None and trigger.type in ("ASSAULT", "CONSULT") and (
                token.morph.get("Number") == ["Plur"]
                or any(c.dep_.startswith("nsubj") and c.morph.get("Number") == ["Plur"] for c in token.children)
            )
        trigger = trigger or lexicon.single.get((lemma, _pos(token)))
        if trigger is None and token.pos_ == "ADJ":
            trigger = lexicon.single.get((lemma, "VERB"))
        if trigger is None and token.pos_ == "PROPN":
            trigger = lexicon.single.get((lemma, "NOUN"))
        if trigger is None and token.pos_ in ("NOUN", "ADJ") and not any(c.dep_ == "det" for c in token.children) and (
            lemma == token.lower_ or token.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "obj") for c in token.children)
        ):
            trigger = _misread_verb(token.lower_, lexicon)  # "dénonce", "accuse" tagged as noun or adjective
        if trigger is None or _is_classifier(token) or (lemma == "appeler" and token.dep_ == "acl"):
            continue  # "un groupe appelé X" names, it does not request
        if lemma == "condamner" and _is_sentence(token):
            trigger = next((t for t in lexicon.multi if t.lemmas == ("condamner", "à")), trigger)
        found.append(Found(sent[i : i + 1], trigger, _predicate(token, trigger, lexicon), reciprocal))
    found += _obligations(sent, lexicon, used | {f.tokens.start - sent.start for f in found})
    nouns = {f.tokens.root.i for f in found if f.trigger.pos == "NOUN"}
    return [
        f
        for f in sorted(found, key=lambda f: f.tokens.start)
        if not (f.trigger.pos == "NOUN" and any(c.i in nouns and c.dep_ == "nmod" for c in f.tokens.root.children))
    ]


OBLIGATION = frozenset({"must", "should", "devoir"})


def _obligations(sent: Span, lexicon: Lexicon, used: set[int]) -> list[Found]:
    """ "Washington declared that China must drop its barriers", "a déclaré que l'Iran doit cesser":
    saying that someone must act is asking them to (REQUEST, from the speaker to that someone)."""
    found = []
    for i, token in enumerate(sent):
        if i in used or token.lemma_.lower() not in OBLIGATION:
            continue
        clause = token.head if token.dep_ == "aux" else token
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in lexicon.reported:
            continue
        trigger = Trigger((token.lemma_.lower(),), "VERB", "REQUEST", lexicon.score("REQUEST"), lexicon.quad("REQUEST"))
        found.append(Found(sent[i : i + 1], trigger, clause.head))
    return found


def _is_classifier(token: Token) -> bool:
    """ "avions de combat", "camp de détention": a bare noun after "de" qualifies another noun."""
    if token.pos_ != "NOUN" or token.i == 0 or any(c.dep_ == "det" for c in token.children):
        return False
    before = token.doc[token.i - 1]
    return before.lower_ in ("de", "d'", "d’") and token.i > 1 and token.doc[token.i - 2].pos_ == "NOUN"


def acting_actors(tokens, index: ActorIndex, *, located: bool = False) -> list[str]:
    """Acting parties among the actors these tokens denote: places are not, nor countries named as
    a location ("en Syrie"), unless `located` (a visit to, or strikes in, a country concern it)."""
    kept = []
    for token in tokens:
        if not located and token.i > 0 and token.doc[token.i - 1].lower_ in LOCATION_PREPOSITIONS:
            continue
        kept.append(token)
    return [a for a in index.actors_in(kept) if index.type_of(a) != "place"]


def phrase_tokens(token: Token) -> list[Token]:
    """A dependent's subtree without the clauses nested in it."""
    tokens = [token]
    for child in token.children:
        nested_clause = child.dep_ in CLAUSES and (child.dep_ != "conj" or child.pos_ in ("VERB", "AUX"))
        if not nested_clause and child.dep_ != "punct":
            tokens.extend(phrase_tokens(child))
    return tokens


def _case(token: Token) -> str:
    cases = [c.lower_ for c in token.children if c.dep_ in ("case", "fixed")]
    return cases[0] if cases else ""


def _is_passive(verb: Token) -> bool:
    children = list(verb.children)
    if any(c.dep_ == "aux:pass" for c in children):
        return True
    return any(c.dep_ == "nsubj:pass" for c in children) and not any(
        c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in children
    )


def _last_subject(pronoun: Token, index: ActorIndex) -> list[str]:
    """ "Il a ajouté ...": the actor that was last a subject, in this sentence or the two before."""
    doc = pronoun.doc
    start = sentence_of(pronoun).start
    for _ in range(3):
        for token in reversed(doc[start : pronoun.i]):
            if token.dep_ in ("nsubj", "nsubj:pass") and token.lower_ not in PERSONAL_PRONOUNS + RELATIVE_PRONOUNS:
                actors = acting_actors(phrase_tokens(token), index)
                if actors:
                    return actors
        if start == 0:
            break
        start = sentence_of(doc[start - 1]).start
    return []


def _antecedent(pronoun: Token, index: ActorIndex) -> list[str]:
    """The actors just before a relative pronoun ("les États-Unis, qui ont ..."): the parse often
    attaches the relative clause to the wrong noun, the word order rarely lies."""
    doc = pronoun.doc
    i = pronoun.i - 1
    if i >= 0 and doc[i].is_punct:
        i -= 1
    while i >= sentence_of(pronoun).start:
        actors = acting_actors([doc[i]], index)
        if actors:
            return actors
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].is_punct:
            break
        i -= 1
    return []


def subject_actors(verb: Token, index: ActorIndex, depth: int = 0) -> tuple[list[str], bool]:
    """Actors of the verb's subject, following relative pronouns and controlled clauses.
    Returns (actors, passive)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            passive = _is_passive(verb)
            if child.lower_ in RELATIVE_PRONOUNS:
                return _antecedent(child, index), passive
            if child.lower_ in PERSONAL_PRONOUNS:
                return _last_subject(child, index), passive
            if child.pos_ == "NOUN" and child.i not in index.owners and child.lemma_.lower() not in MEMBER_NOUNS:
                # "la coopération entre l'Iran et la Russie menace ...": the subject is a thing,
                # the actors only qualify it ("les casques bleus de l'ONU" are the UN's people).
                return [], passive
            tokens = phrase_tokens(child)
            if child.i < verb.i:
                tokens = [t for t in tokens if t.i < verb.i]
            return acting_actors(tokens, index), passive
    if depth < 2 and verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i:
        actors, passive = subject_actors(verb.head, index, depth + 1)
        # "le pays est accusé de livrer": the subject of the passive head does the controlled verb.
        return actors, passive and verb.dep_ == "conj"
    return [], False


def _arguments(found: Found, index: ActorIndex) -> tuple[list[str], list[str]]:
    predicate = found.predicate
    located = found.trigger.type in LOCATED_TYPES
    source: list[str] = []
    target: list[str] = []
    if _pos(predicate) == "VERB" or (found.trigger.pos == "VERB" and predicate.i == found.tokens.root.i):
        subject, passive = subject_actors(predicate, index)
        passive = passive or _is_passive(predicate)
        if not subject and not passive and predicate.dep_ != "acl":
            subject = _subject_by_position(predicate, index)
        (target if passive else source).extend(subject)
        if predicate.dep_ == "acl" and predicate.head.pos_ in ("NOUN", "PROPN"):
            # "des sanctions imposées par les États-Unis": the noun is the patient.
            target.extend(acting_actors(phrase_tokens(predicate.head), index))
        complements = [c.i for c in predicate.children if c.dep_ in ("xcomp", "ccomp")]
        for child in predicate.children:
            if child.dep_ in SUBJECTS or child.dep_ in CLAUSES or child.dep_ == "punct":
                continue
            if complements and child.i > min(complements):
                continue  # after a complement clause, it most likely belongs to that clause
            actors = acting_actors(phrase_tokens(child), index, located=located)
            agentive = passive or predicate.dep_ == "acl"
            if child.dep_ == "obl:agent" or (agentive and _case(child) in SOURCE_CASES):
                source.extend(actors)
            elif child.dep_ in ("obj", "iobj", "obl:arg", "nmod") or _case(child) in TARGET_CASES:
                target.extend(actors)
                if child.dep_ == "obj" and child.pos_ == "NOUN":
                    # The parse often drops the rest of an enumeration: read on along the words.
                    extra_source, extra_target = nominal_arguments(child, index, located=located, genitive=True)
                    target.extend(a for a in extra_source + extra_target if a not in target)
    if found.trigger.pos == "VERB" and _pos(predicate) != "VERB" and not source:
        source = _subject_by_position(predicate, index)  # a verb the tagger misread: word order only
    if found.trigger.pos == "NOUN" or not target:
        noun_source, noun_target = nominal_arguments(
            found.tokens[-1], index, located=located, event_type=found.trigger.type if found.trigger.pos == "NOUN" else ""
        )
        if found.trigger.pos != "NOUN":
            # Right of a verb, "par", "entre" belong to nested nouns: all are the verb's targets.
            noun_target, noun_source = noun_source + noun_target, []
        source.extend(a for a in noun_source if a not in source)
        target.extend(a for a in noun_target if a not in target)
    if found.trigger.pos == "NOUN" and not source and predicate.i == found.tokens.root.i and (
        predicate.dep_ in ("obj", "obl:arg") or (predicate.dep_ == "nmod" and predicate.head.dep_ in ("obj", "obl:arg"))
    ):
        # "l'Iran s'apprête à signer un contrat pour l'achat de...": the clause's subject acts.
        verb = _clause_verb(predicate)
        if _pos(verb) == "VERB" and not _is_passive(verb) and verb.lemma_.lower() in SUPPORTING_VERBS:
            source = [a for a in subject_actors(verb, index)[0] if a not in target]
    source = list(dict.fromkeys(source))
    # "le président colombien Álvaro Uribe": the person acts, his country is only his title.
    titles = {index.records[a].affiliation for a in source if a in index.records}
    source = [a for a in source if a not in titles] or source
    target = [a for a in dict.fromkeys(target) if a not in source]
    if found.trigger.type in SYMMETRIC_TYPES and not target and len(source) >= 2 and not found.reciprocal:
        source, target = source[:1], source[1:]  # "l'Iran et la Russie coopèrent": first named, then partner
    elif found.trigger.type in SYMMETRIC_TYPES and not source and len(target) >= 2:
        source, target = target[:1], target[1:]
    # A party already present through one of its members adds nothing: "Lavrov ... les deux pays".
    represented = {index.records[a].affiliation for a in source + target if a in index.records}
    source_parties = {index.party(a) for a in source}
    target = [a for a in target if a not in represented and index.party(a) not in source_parties]
    if not target and found.reciprocal:
        target = list(source)  # "les rebelles s'affrontent": they do it to each other
    return source, target


# Events whose doer can act alone: with no target in the sentence they still stand.
ADDRESSED_TYPES = ("REQUEST", "THREATEN", "ACCUSE")
"""Speech acts aimed at whoever their complement clause is about."""
INTRANSITIVE_TYPES = ("MOBILIZE", "RETREAT", "CONSULT", "AGREE", "REQUEST", "REJECT", "CONCEDE")


def _complete(found: Found, source: list[str], target: list[str], index: ActorIndex) -> tuple[list[str], list[str]]:
    """Fill a side the parse left empty from the sentence around the trigger: a directed act with
    a doer but no patient is most often aimed at the one other party the sentence names; an act
    with a patient but no doer was done by the sentence's main subject."""
    if source and target:
        return source, target
    if source and found.trigger.type in ADDRESSED_TYPES and _pos(found.predicate) == "VERB":
        # "China demanded that Japan apologize", "a exigé que l'Iran cesse": the one asked.
        for clause in found.predicate.children:
            if clause.dep_ in ("ccomp", "xcomp"):
                asked = [a for a in subject_actors(clause, index)[0] if a not in source]
                if asked:
                    return source, asked[:1]
    sent = sentence_of(found.tokens[0])
    named = [a for a in acting_actors(sent, index) if a not in source and a not in target]
    if source and not target and found.trigger.type not in INTRANSITIVE_TYPES:
        parties = {index.party(a) for a in source}
        represented = {index.records[a].affiliation for a in source if a in index.records}
        others = [a for a in named if a not in represented and (
            index.party(a) not in parties or index.type_of(a) in ("person", "group"))]
        if found.trigger.pos == "NOUN" and _pos(found.predicate) != "VERB":
            # "X bénéficie du soutien de Y", "élu avec le soutien de Y": the clause's subject receives it.
            verb = _clause_verb(found.predicate)
            subject = subject_actors(verb, index)[0] if _pos(verb) == "VERB" else []
            others = [a for a in subject if a not in source and a not in represented] or others
        if others:
            after = [a for a in others if _first_mention(a, sent, index) > found.tokens.start]
            target = [(after or others)[0]]
    elif target and not source and found.trigger.pos == "NOUN":
        subject, passive = subject_actors(sent.root, index) if _pos(sent.root) == "VERB" else ([], False)
        parties = {index.party(a) for a in target}
        subject = [a for a in subject if index.party(a) not in parties]
        if subject and not passive:
            source = subject
    return source, target


def _first_mention(actor: str, sent: Span, index: ActorIndex) -> int:
    return next((t.i for t in sent if actor in index.owners.get(t.i, ())), sent.end)


def _continues_list(comma: Token, index: ActorIndex) -> bool:
    """A comma inside an enumeration of actors, not one that closes the phrase."""
    doc = comma.doc
    for token in doc[comma.i + 1 : comma.i + 4]:
        if token.i in index.owners:
            return True
        if token.pos_ not in ("ADP", "DET"):
            return False
    return False


def _subject_by_position(verb: Token, index: ActorIndex) -> list[str]:
    """When the parse gives no subject: the first actor of the clause before the verb that no
    preposition introduces. French puts the subject first; prepositions mark everything else; a
    subordinate clause ("Alors que ..., ") is skipped up to its comma."""
    sent = sentence_of(verb)
    doc = verb.doc
    subordinate = False
    i = sent.start
    while i < verb.i:
        token = doc[i]
        if token.pos_ == "SCONJ" or token.lower_ in RELATIVE_PRONOUNS:
            subordinate = True
        elif token.text == "," and subordinate:
            subordinate = False
        actors = acting_actors([token], index)
        if actors and not subordinate:
            before = doc[i - 1] if i > sent.start else None
            if before is not None and before.pos_ == "DET" and i - 1 > sent.start:
                before = doc[i - 2]
            if before is None or before.pos_ != "ADP":
                end = i
                while end + 1 < verb.i and index.owners.get(end + 1) == index.owners.get(i):
                    end += 1
                return _with_following_conjuncts(actors, end, verb, index)
        i += 1
    return []


def _with_following_conjuncts(actors: list[str], end: int, verb: Token, index: ActorIndex) -> list[str]:
    """ "les États-Unis et la Russie ont demandé": every conjunct is a subject too."""
    doc = verb.doc
    i = end + 1
    while i < verb.i and doc[i].lower_ in ("et", ","):
        j = i + 1
        if j < verb.i and doc[j].pos_ == "DET":
            j += 1
        found = acting_actors([doc[j]], index) if j < verb.i else []
        if not found:
            break
        actors += [a for a in found if a not in actors]
        while j + 1 < verb.i and index.owners.get(j + 1) == index.owners.get(j):
            j += 1
        i = j + 1
    return actors


def nominal_arguments(
    noun: Token, index: ActorIndex, *, located: bool = False, genitive: bool = False, event_type: str = ""
) -> tuple[list[str], list[str]]:
    """ "l'achat d'avions par l'Iran auprès de la Russie", "la coopération entre l'Iran et la Russie",
    "les sanctions américaines": read the phrase right of the noun up to the next verb."""
    source: list[str] = []
    target: list[str] = []
    for child in noun.children:
        if child.dep_ in ("acl:relcl", "acl") and child.pos_ == "VERB":
            # "des sanctions qui visent l'Iran", "des sanctions visant leurs pays": the clause's object
            for argument in child.children:
                if argument.dep_ in ("obj", "iobj") or (argument.dep_.startswith("obl") and _case(argument) in TARGET_CASES):
                    target.extend(acting_actors(phrase_tokens(argument), index))
        if child.dep_ == "amod" and child.lower_.startswith("anti"):
            target.extend(acting_actors([child], index))  # "manifestation anti-américaine"
        elif child.dep_ == "amod":
            source.extend(acting_actors([child], index))
    sent = sentence_of(noun)
    mode = None
    for token in noun.doc[noun.i + 1 : sent.end]:
        if token.text == "," and _continues_list(token, index):
            continue  # "les ambassadeurs de France, d'Allemagne et de Belgique"
        if (token.pos_ in ("VERB", "AUX") or token.text in (";", ":", "(", ")", ",")
                or token.lower_ in RELATIVE_PRONOUNS or token.lower_ in CLAUSE_BREAKS):
            break
        word = token.lower_
        if word in SOURCE_CASES:
            mode = "source"
        elif word == "entre":
            # "la coopération entre A et B" pairs A with B; "une enquête sur les liens entre A et B"
            # concerns both: only the noun's own "entre" makes a pair.
            own = all(t.pos_ in ("ADJ", "DET", "ADV") for t in noun.doc[noun.i + 1 : token.i])
            mode = "between" if own else "target"
        elif word in TARGET_CASES or word == "auprès" or (located and word in LOCATION_PREPOSITIONS):
            mode = "target"
        elif genitive and word in DE_FORMS:
            mode = "target"  # "convoquer les ambassadeurs de France": the object belongs to its target
        elif word in DE_FORMS and mode is None and all(
            t.pos_ in ("ADJ", "DET") for t in noun.doc[noun.i + 1 : token.i]
        ):
            # the noun's own complement: its doer or its patient, depending on the kind of event
            mode = "source" if event_type in GENITIVE_SOURCE else "target" if event_type in GENITIVE_TARGET else None
        elif token.pos_ == "ADP" and word not in DE_FORMS:
            mode = None
        actors = acting_actors([token], index, located=located)
        if not actors or mode is None:
            continue
        if mode == "source":
            source.extend(actors)
        elif mode == "between":
            (target if source else source).extend(actors[:1])
            target.extend(actors[1:])
        else:
            target.extend(actors)
    return source, target


def _clause_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _modality(found: Found, lexicon: Lexicon) -> str:
    verb = _clause_verb(found.predicate)
    clause = [verb, *verb.children]
    words = {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}
    if words & NEGATIONS or any(
        c.lower_ == "aucun" for c in found.tokens.root.children
    ):
        return "negated"
    ancestors = list(verb.ancestors)
    if any(a.lemma_.lower() in lexicon.denied for a in ancestors if a.pos_ == "VERB"):
        return "denied"
    conditional = [t for t in clause if {"Cnd", "Sub"} & set(t.morph.get("Mood"))]
    if verb.dep_ == "xcomp" and "Cnd" in verb.head.morph.get("Mood"):
        conditional.append(verb.head)  # "pourrait attaquer"
    complements = [c for c in verb.children if c.dep_ == "ccomp"]
    if found.trigger.type == "THREATEN":
        conditional += [t for c in complements for t in c.subtree if "Cnd" in t.morph.get("Mood")]
    if conditional or any(c.lower_ in ("si", "if") and c.dep_ == "mark" for c in verb.children) or (
        words & lexicon.hypothetical - {"pouvoir"}
    ):
        return "hypothetical"
    governing = ancestors + ([verb] if found.trigger.pos == "NOUN" and verb.i != found.predicate.i else [])
    if any((a.lemma_.lower(), "VERB") in lexicon.single and lexicon.single[(a.lemma_.lower(), "VERB")].type
           in ("REQUEST", "THREATEN") for a in governing if a.pos_ == "VERB"):
        return "hypothetical"  # "réclamer la démission de X": asked for, not done
    if any(a.lemma_.lower() in lexicon.reported | set(SPEECH_ACCUSATIONS) for a in ancestors if a.pos_ == "VERB"):
        return "reported"
    sentence_words = {t.lower_ for t in sentence_of(found.tokens[0])}
    if sentence_words & REPORTING:
        return "reported"
    if verb.lemma_.lower() in SPEECH_ACCUSATIONS and any(c.dep_ == "nsubj:pass" for c in verb.children) and not any(
        c.dep_ == "obl:agent" for c in verb.children
    ):
        return "reported"
    return "asserted"
