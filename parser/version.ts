/**
 * Version stamped on every record (`Decision.parserVersion`), so the archive knows which records to
 * re-parse after a change.
 *
 * Bump rule (semver on the *output*, not the code):
 * - MAJOR: a field changes meaning or shape, or the sections rule in parser/core.ts changes
 *   (headings, what a section's text contains, summary rules) — every stored record must be re-parsed.
 * - MINOR: pages that used to fail or lose text now parse better; records that parsed before are
 *   unchanged except for fewer/different parse warnings, or better extracted facts (same meaning,
 *   more of them right). `lgsco reparse` re-parses every record whose version differs.
 * - PATCH: no change to any record's fields (performance, refactoring, messages of thrown errors).
 * @module
 */
// 1.1.0: records carry the extracted facts (finding, payments, delays, … with evidence).
// 1.2.0: facts read better — sums "already received", arrears paid, purposes cut at the next remedy
//        clause, a sum already paid kept apart from the same sum agreed, "not found fault", more
//        not-investigated reasons, more delay forms and subjects.
// 1.3.0: offers judged by what the next sentences say of them ("That offer is in line with our
//        guidance", "turned it down"), not by an unrelated "suitable" elsewhere; "done enough to
//        remedy"; "the School" (the body) no longer an education purpose; "Band B" not a guidance
//        band; remedy clauses end at "and check …"; an EHC plan issued N weeks after "Mr and Mrs X
//        requested an assessment" is a plan delay.
// 1.4.0: a judgement of an offer in the next sentence read when negated ("I do not consider this is
//        a suitable remedy", "not satisfied that the offer is enough") instead of falling through
//        to the whole decision's "suitable remedy".
// 1.5.0: missed education read in more wordings — "without suitable full-time education", "did not
//        provide / secure … the therapy", provision "was not delivered", "was unable to attend school",
//        "between February and December 2024" (the first month takes the second's year), "a period of
//        N", "for a whole term", "lost a school year of her education"; a summary's opening complaint
//        ("Dr S complained … for over a year") and time out of school taught full time are left out.
// 1.6.0: a delay in arranging provision between two dates ("delayed arranging alternative provision
//        for K from 6 March 2024 until 22 April 2024") is a missed-education period (dates only).
// 1.7.0: service improvements read in more wordings — "make sure its letters …", "write to all
//        direct payment recipients …", "review its response / processing times", "review how long …",
//        "its enforcement plan"; an improvement listed after an apology and a sum in one sentence
//        ("apologised to Mr J, offered him £175 and agreed to review its procedures") is its own
//        clause; the same improvement told in the summary and the final decision counts once.
// 1.8.0: the not-investigated reason no longer reads "late" describing what the complaint is about
//        ("missed and late home care visits", "late payment of …") as a late complaint; the Planning
//        Inspectorate is an appeal route (tribunal).
// 1.9.0: missed education — a length stated apart from its dates joins the period it fits (of two
//        periods, "missed two months" goes with January–March 2023, not the first one found);
//        "the 2022/23 academic year" / "academic year 2023/24" is September to July (and not a
//        length of 23 years).
// 1.10.0: from ten cases written blind against published decisions' phrasing (fixtures 67–76) —
//        a sum a person paid out ("Mr B paid the agents £…", "the £… Mrs R paid") is not a remedy
//        and does not make the next sum already paid; "the £600 it has already paid" is already
//        paid; money refunded or reimbursed is a reimbursement whatever it was spent on; further
//        education ("could not attend college", "three weeks of his course") is missed education,
//        and a range may open with a day ("from 2 September to 20 September 2024"). From ten more
//        (77–86): a refund right after "reduction" is kept; "pay her the arrears of £…" names her;
//        "take £500 off the invoice" is not a payment; a sum a housing association, landlord,
//        relative or the NHS paid is not the body's; an offer "which it paid" was paid; clerks,
//        contracts and forms are improvement targets ("make sure its online … form explains");
//        "N days after the date of death" is not a delay; "its final reply" answers a complaint.
//        From 87–96: "the £2,000 Ms L asked for" (the claim after the sum) is not a payment; "pay
//        Mrs P £900 and Mr P £300" gives Mr P the second; arrears the body "has already paid" are a
//        payment; money paid to a contractor or provider is not; "the care visits she did not
//        receive" is a loss of service; "It took the Council over eight months to …" is a delay.
//        From 97–106: a relative ("Her brother, Mr A, paid") or a son paying a private firm; a sum
//        credited to an account; notice or holiday pay; a repayment "not recommended"; "loss of the
//        short breaks service"; "deferred payment" procedures, crews, "write to the other families",
//        "make sure the in-cab system …" as improvements; "The Trust's reply" as a complaint reply;
//        "another placement" is not education unless it is a school placement; headings "Remedy",
//        "What I have recommended" and "Investigator's final decision" (core/source-profile.ts).
export const PARSER_VERSION = '1.10.0';
