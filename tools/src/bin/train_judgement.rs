//! Trains the learned cue, kind and routine model (`src/text/judge/`) and writes
//! `data/judgement_model.bin`. Deterministic: the same data gives the same bytes.
//!
//! Reads: the train split of `data/judgement/messages` (every label), the Bitext rows outside
//! its held-out fifth (kind, churn, routine: their intents mapped below), and three fifths of
//! BANKING77 (mistake and churn, for the intents mapped below). Picks each head's threshold,
//! and the probability under which a phrase pattern's hit is vetoed, on the dev split (by
//! F1 for cues and emotions, RJ_BETA to change it), the mistake head's keeping 97% precision on a fourth fifth of
//! BANKING77. Never reads the test split nor BANKING77's held-out fifth. Each head's weights
//! are quantized to 4-bit codes (a codebook of at most 15 values per head, by k-means, and an
//! exact zero; `--bits` for fewer) before the thresholds are picked.
//! Usage: cargo run --release -p rapport-tools --bin train-judgement [-- --top 1400 --bits 4]   (L2 1e-2 by default; RJ_L2 to change it)
//!
//! RJ_PICK=oof picks the thresholds and vetoes on the train rows instead, each scored by a
//! model fitted without its fifth (five folds), so dev stays a measure nothing was picked on;
//! RJ_PICK=both on train and dev together; RJ_HARD weights our hard-negative rows (1 by
//! default). Measured 2026-12-04 on the ninth-pass corpus (9,720 messages), the committed
//! score and first-reply fits, `evaluate`'s dev column (cue F1 mistake churn effort praise
//! loyalty celebration loss | hard-negative precision | intent kind | scenario band):
//!   committed model (trained before the ninth pass)  .791 .851 .836 .847 .806 .830 .880 | 49.8% | 90.7% | 86.9%
//!   retrained, picked on dev                         .804 .862 .842 .869 .826 .822 .854 | 50.0% | 91.4% | 81.9%
//!   retrained, picked on dev, RJ_HARD=3              .781 .848 .827 .829 .794 .829 .858 | 52.7% | 90.6% | 83.1%
//!   retrained, picked out of fold (oof)              .796 .848 .827 .829 .813 .821 .851 | 46.5% | 91.2% | 80.6%
//!   retrained, picked on both                        .802 .857 .834 .863 .813 .821 .851 | 48.6% | 91.3% | 81.9%
//! Picked out of fold, dev's cue figures are what picking on dev gave minus its own bias: the
//! retrained model reads new messages about as well as the committed one, and the scenarios
//! (whose score and first reply were fitted, and their passes kept, on the committed model's
//! readings) lose 5 points; refitting both (`fit-score`, `fit-reply`) kept 81.9%. The five
//! blind check sets summed, band agreement 384.4 -> 379.3 points, mistake false fires on the
//! message checks 29 -> 40. So the committed model stays.
//!
//! RJ_ANCHOR=λ refits the embedded model instead of starting afresh: every head starts from its
//! weights and bias, keeps its 1,400 features (so the file stays the same size) and is pulled
//! toward them by λ rather than toward zero; RJ_EPOCHS and RJ_LR (25, 0.3) set how far it goes.
//! RJ_KEEP_T keeps the embedded model's thresholds and vetoes. With RJ_EPOCHS=0 and RJ_KEEP_T the
//! trainer writes the embedded model byte for byte (checked). Measured 2026-12-06 (session 47),
//! the ninth-pass corpus, `evaluate`'s dev column (cue F1 mistake churn effort praise loyalty
//! celebration loss | hard-negative precision | scenario band, snippet kind, must-cite, two off);
//! the embedded model reads .793 .857 .837 .847 .806 .830 .889 | 50.2% | 89.4 90.0 95.3 3:
//!   fresh retrain (defaults)                        .794 .875 .845 .855 .810 .829 .884 | 55.6% | 84.4 86.2 91.1 5
//!   λ 0.01, thresholds picked on dev                .776 .870 .823 .845 .813 .820 .895 | 51.7% | 86.2 85.0 93.7 5
//!   λ 0.1, picked on dev                            .798 .866 .819 .854 .806 .812 .892 | 47.1% | 85.6 88.1 96.9 6
//!   λ 1, picked on dev                              .798 .857 .838 .849 .809 .828 .884 | 52.0% | 86.2 87.5 95.3 6
//!   λ 0.1, thresholds kept                          .792 .865 .804 .840 .806 .811 .885 | 51.0% | 88.1 89.4 96.3 5
//!   λ 0.1, kept, 3 epochs at 0.05                   .792 .871 .818 .848 .773 .815 .872 | 50.0% | 88.8 90.0 96.3 4
//!   λ 0.01, kept, 3 epochs at 0.05                  .787 .856 .800 .854 .796 .810 .867 | 51.3% | 88.1 89.4 92.7 5
//!   λ 0.01, kept, 10 epochs at 0.05                 .788 .862 .804 .835 .787 .822 .879 | 53.1% | 87.5 89.4 94.8 4
//!   λ 0.01, kept, 10 epochs at 0.1                  .796 .867 .792 .842 .797 .808 .869 | 52.0% | 88.1 90.0 95.3 5
//! However close to the embedded model the refit stays, the dev scenarios lose (0.6 to 5 points
//! of band) while the cue F1s move by no more than a dev part this size moves them (±.02–.03).
//! A pull of 1,000 at the default step size (AdaGrad's first steps are large) scattered the
//! weights instead of holding them: dev band 86.2% with thresholds kept. Not kept: the committed
//! model stays. `tools/data/cue_ceiling.py` has why more rows, not another fit of these, is what
//! would move the cue figures.
//!
//! RJ_MERGE=α averages two models instead (session 48, 2026-12-06, the tenth-pass corpus of
//! 10,919 messages): each head but `self_harm` becomes α × its fresh fit plus (1 − α) × the
//! embedded head, bias and weights, over both models' features (the embedded model's keys are
//! kept). Measured with `evaluate`'s dev column (cue F1 mistake churn effort praise loyalty
//! celebration loss | hard-negative precision | intent kind | scenarios train / dev band,
//! snippet kind, must-cite, two off) and the spent blind sets 1-6 (`check-scenarios`, mean band,
//! snippet kind, must-cite, two off summed):
//!   embedded                              .798 .856 .834 .814 .804 .812 .882 | 48.5% | 91.4% | 89.7/89.4 90.1/90.0 95.3/95.3 6/3 | 79.5 77.7 86.9 15
//!   fresh retrain (defaults)              .802 .873 .860 .834 .828 .832 .863 | 55.5% | 91.9% | 90.1/85.0 91.2/88.1 95.6/90.1 5/6 | 79.4 78.1 86.4 17
//!   α 0.5, picked on dev (dev F1 flattered) .826 .867 .850 .856 .820 .824 .883 | 54.8% | 92.1% | 89.7/85.6 89.5/89.4 95.7/96.3 6/4 | 80.1 77.6 86.9 16
//!   α 0.3, thresholds kept                .800 .865 .837 .841 .793 .800 .876 | 52.5% | 91.9% | 90.4/88.8 91.0/89.4 94.9/94.2 4/3 | 79.5 78.0 86.4 16
//!   α 0.5, thresholds kept                .801 .865 .845 .844 .816 .814 .869 | 55.3% | 91.8% | 90.4/86.9 90.4/89.4 94.9/95.8 6/4 | 79.7 77.9 85.9 19
//!   α 0.7, thresholds kept                .796 .868 .835 .844 .828 .809 .852 | 54.4% | 91.9% | 90.4/83.8 91.2/86.2 93.8/90.1 5/6 | 78.8 77.6 85.0 20
//!   α 0.5, RJ_PICK=oof (the donor below)  .819 .853 .829 .841 .820 .807 .876 | 51.0% | 92.0% | 88.7/85.6 88.7/89.4 95.4/96.3 7/5 | 80.1 77.6 87.2 16
//! (With RJ_PICK=oof the fold models average with the embedded one, which saw every train row,
//! so the bars are picked on rows half the model knew; dev, which neither half trained on,
//! stays a fair read.) The whole averaged model loses dev scenarios like every refit above, so
//! its heads were put into the embedded model one at a time (`transplant-heads`; dev F1 of the
//! head moved | dev band | spent band, snippet kind):
//!   mistake .798 → .819 | 88.8% | 79.2 77.4;  praise .814 → .837 | 89.4% | 79.7 77.9;
//!   loyalty .804 → .820 | 89.4% | 79.5 77.7;  relational (intent kind) 91.4 → 92.0% | 89.4% | 79.4 77.5;
//!   all four .819 / .841 / .820 / 92.0% | 88.8% (train 89.1%) | 79.3 77.4.
//! Kept: loyalty and relational (`transplant-heads <donor> loyalty,relational`; every figure
//! else the same, dev intent kind phone 92.9 → 93.4%, chat 93.3 → 94.0%, +1.8 KB gzipped).
//! Then praise, with the embedded head's veto (RJ_KEEP_VETO=praise; with its own, 0.2, "10/10
//! service from Maya" lost its praise) and the thank-you letter's bar made the head's own
//! threshold (`learned.rs`): dev praise F1 .814 → .844, hard-negative precision 48.5 → 49.4%,
//! dev scenarios the same, train band 89.7 → 89.5%, spent sets band 79.4 → 79.8, snippet kind
//! 77.5 → 77.8, must-cite 86.9 → 87.0; `praise-120.jsonl` 44 right, 14 → 16 false fires. The
//! committed model: on 70d744d's, `RJ_MERGE=0.5 RJ_PICK=oof RJ_KEEP_VETO=praise
//! train-judgement`, its output kept as the donor and the model before put back, then
//! `transplant-heads <donor> praise` (checked byte for byte). Not kept: mistake (it traded
//! misses for false fires on the spent sets: "2 x mango lassi missing" and "2 single beds, I
//! booked a double" missed, "could someone from billing give me a ring about the statement"
//! no longer read as our mistake, and one dev scenario lost).
//!
//! Measured 2026-12-06 (session 49), the tenth-pass corpus: a fresh retrain with its bars picked
//! out of fold (`RJ_PICK=oof`, so that dev is read by nothing that was picked on it), against
//! the embedded model, `evaluate`'s dev column (cue F1 mistake churn effort praise loyalty
//! celebration loss | hard-negative precision | intent kind | scenarios dev band, snippet kind,
//! must-cite, two off) and the spent sets 1-6 (mean band, snippet kind, must-cite, two off):
//!   embedded          .798 .856 .834 .844 .820 .812 .882 | 49.4% | 91.9% | 89.4 90.0 95.3 3 | 79.8 77.8 87.0 15
//!   fresh, oof bars   .801 .871 .819 .831 .807 .792 .862 | 48.8% | 91.7% | 85.0 87.5 90.6 5 | 80.7 78.0 87.0 16
//! Read this way a retrain on 1,199 more rows reads dev messages no better (three cues up, four
//! down, each within ±.02): the gains of the retrains above were mostly their bars picked on dev
//! itself. What holds the cues is the feature budget, not the fit (`tools/data/cue_ceiling.py`,
//! session 49's lines). Not kept.
//!
//! Session 51 (2026-12-07), the eleventh-pass corpus (12,118 messages; its 1,199 new rows are
//! the hard families: plain mistakes and their look-alikes, churn and effort and theirs, phone
//! and chat kind calls): `RJ_MERGE=0.5 RJ_PICK=oof` run on the model before, its output kept as
//! the donor and the model before put back, then one head at a time
//! (`RJ_MATCH=1 transplant-heads <donor> <head>`, which puts the donor head's logits on the
//! embedded head's scale: its header). `evaluate`'s dev column on that corpus (cue F1 of the
//! head | hard-negative precision | scenarios train / dev band, snippet kind, must-cite, two
//! off) and the spent sets 1-6 (band, snippet kind, must-cite, two off):
//!   embedded                      mistake .789 | 47.9% | 89.5/89.4 90.1/90.0 95.3/95.3 6/3 | 79.9 77.8 87.1 15
//!   mistake, not matched          mistake .812 | 47.7% | 89.1/88.1 89.9/90.0 95.3/95.8 5/3 | 79.9 77.5 87.0 16
//!   mistake, matched              mistake .812 | 47.7% | 89.1/88.8 89.9/90.0 95.3/95.8 5/3 | 80.0 77.8 87.4 15
//!   churn, matched                churn .834 → .828 | 49.4% | 89.5/88.8 …; not kept
//!   effort, matched               effort .825 → .824 | 48.9% | 89.3/88.8 …; not kept
//!   mistake of RJ_MERGE=0.7       mistake .812 | 49.8% | 89.7/87.5 89.9/87.5 94.1/91.1 6/4 | 80.4 78.4 86.7 16; not kept
//! BANKING77 with the matched head: mistake precision 97.4% (98.0), recall 93.6% (91.7). Unmatched,
//! the new head read true mistakes a little lower (a critical 30 points became 25), and valued
//! customers' mistakes fell to relational: the score was fitted to the old head's scale.
//! Not kept: the matched head read "The engineer came the same day, truly outstanding
//! service." as our mistake (0.83, carried by "engineer" and "came"; `text::tests` caught it,
//! the praise then read as sarcasm), "engineer came yesterday, all sorted now, cheers" at 0.80
//! and "The engineer came on time and fixed the boiler, thank you" at 0.91. zg's many engineers
//! who did damage taught it the word: a dev F1 gain that misreads a plain thank-you is no gain.
//! Such rows were then written (zk: 200 of our people doing their job well, 80 of them praise
//! of a visit or delivery) and the same head retrained with them read those three at 0.81,
//! 0.80 and 0.85 matched (0.71, 0.70, 0.77 unmatched, its bar 0.60; quoting "engineer" and
//! "came" each time): a model of words weighs "the engineer came" the same whether he came
//! on time or never did, and a few hundred rows do not outvote the corpus's missed visits.
//! What it wants is context in its features (negation and time around a word: `n word` was
//! tried in session 45 for F1 and moved little; these probes are where it should be judged).
//! Measured 2026-12-06 (session 45), the same corpus and defaults, retrained on this code and
//! again with negation marked (each of the three words after "not", "no", "never", "dont",
//! "cant", "nothing", "nobody" and the like, within its sentence, also a feature of its own,
//! `n word`): dev column as above, plain retrain → with negation, mistake .794 → .801, churn
//! .875 → .872, effort .845 → .857, praise .855 → .850, loyalty .810 → .814, celebration .829 →
//! .831, loss .884 → .881, hard negatives 55.6% of 196 → 54.8% of 199, intent kind 91.9 → 92.2%;
//! scenarios dev band 84.4 → 81.9% (the embedded model 89.4%), BANKING77 mistake precision 97.3
//! → 96.7% (under its 97% bar). Within what a retrain moves by; not kept. (The plain retrain
//! itself reads dev messages a little better than the embedded model and dev scenarios 5 points
//! worse, as in every retrain measured here.)
//! Session 52 (2026-12-07), the eleventh-pass corpus, negation marked the same way (the three
//! words after a negator in its sentence, `n word`), judged where session 51 said it should be:
//! `RJ_MERGE=0.5 RJ_PICK=oof`, the mistake head put in with `RJ_MATCH=1 transplant-heads`, then
//! `probe` (which prints each head's own probability and bar). "The engineer came the same day,
//! truly outstanding service." 0.75, "engineer came yesterday, all sorted now, cheers" 0.76,
//! "The engineer came on time and fixed the boiler, thank you" 0.82, against a bar of 0.69
//! (session 51's head without negation: 0.83, 0.80, 0.91): still our mistake. Dev mistake .783
//! → .805 (session 51's head .812), hard negatives 46.9 → 46.4%, dev band 89.4 → 88.8%, spent
//! sets 1-6 band 79.9 → 79.3. Negation is not what the head misses there; not kept.
//! What was kept instead (session 52): the committed model, on the eleventh-pass corpus with
//! zk, `RJ_MERGE=0.5 RJ_PICK=oof train-judgement`, its output kept as the donor and the model
//! before put back, then `RJ_MATCH=1 transplant-heads <donor> mistake` (a = 1.041, b = 0.486).
//! The engineer probes are held by two rules beside it, not by the head: a message the praise
//! patterns find praise in gets no model-only mistake (`learned.rs`), and two `plain.mistake`
//! lines (a visit that came on time, "all sorted now"). Those rules alone, on the model before,
//! showed that the embedded head itself read "engineer came yesterday, all sorted now, cheers"
//! (0.78) and "The engineer came on time and fixed the boiler, thank you" (0.81) over its bar
//! of 0.75: the refusal above held the new head to a bar the old one did not meet. Measured
//! (`evaluate` dev column, spent sets 1-6, `check-set` on the seven message check sets summed,
//! right / false fires, and zk's 160 train and dev rows, right / false):
//!   embedded                      dev mistake .783 | hard neg 46.9% | dev band 89.4, must-cite 95.3 | spent 79.9 77.8 87.1 15 | checks 269 / 63 | zk 13 / 36
//!   + the rules                   dev mistake .784 | hard neg 47.2% | dev band 89.4, must-cite 95.3 | spent 80.0 78.0 87.1 15 | checks 268 / 53 | zk 12 / 29
//!   + the rules and the new head  dev mistake .804 | hard neg 47.3% | dev band 88.8, must-cite 94.8 | spent 80.0 78.2 87.4 15 | checks 282 / 55 | zk 14 / 26
//! Train band 89.5 → 89.3%, BANKING77 mistake precision 98.0 → 97.3%, recall 91.7% both. One
//! dev scenario lost (sc-w-018, a request for a person read as our mistake) against fourteen
//! more of the blind check sets' mistakes found for two more false fires: kept.
//! The same donor's other heads, matched, one at a time on top (dev F1 | hard negatives | dev
//! band, must-cite | spent sets): celebration .812 → .810 | 46.8% | 88.8, 95.3 | 80.3 78.3
//! 87.7 15; effort .821 → .819 | 48.0% | 88.8, 94.8 | 80.1 78.2 87.4 15; loss .880 → .865 |
//! 46.9% | 88.1, 94.8 | 80.1 78.2 87.3 16. Within what a dev part this size moves by; not kept.
//!
//! Session 54 (2026-12-07), the eleventh-pass corpus: three kinds of context in the features,
//! each a fresh retrain with `RJ_PICK=oof` against a fresh retrain on the features as they are
//! (fresh against fresh: a fresh retrain always loses dev scenarios to the embedded model,
//! whose score and first reply were fitted to it). `q word`: each word of a sentence that ends
//! in a question mark (a fee asked about, a delivery "picked yet?"); `y word` and `i word`:
//! the three words after "you"/"your"/"u" or "I"/"my"/"we"/"our" in its sentence (whose
//! failure: a third party's, the customer's own slip); `hq label`, `hl label word`, `hr label
//! word`: a phrase pattern's hit in a question, and the two words each side of it in its
//! sentence. Dev column (cue F1 mistake churn effort praise loyalty celebration loss |
//! hard-negative precision | intent kind phone, chat | spent sets 1-6 band, snippet kind):
//!   fresh, features as they are  .799 .865 .824 .821 .794 .800 .861 | 48.7% of 261 | 93.3 93.9 | 80.7 77.8
//!   + q word                     .812 .860 .806 .789 .819 .776 .871 | 48.9% of 264 | 93.3 93.3 | 81.0 78.5
//!   + y word, i word             .796 .858 .828 .811 .814 .792 .847 | 45.9% of 259 | 93.1 94.1 | 80.2 78.2
//!   + the hits' context          .793 .856 .844 .821 .804 .811 .877 | 49.6% of 264 | 92.7 92.6 | 80.3 77.6
//! Each moves a cue up and another down by what a retrain moves them (±.02), the hard
//! negatives by a point. With negation (sessions 45 and 52) that is four kinds of context a
//! linear model of hashed features does not turn into readings of new messages; the code was
//! not kept.
//!
//! Measured 2026-12-06 (session 44; 9,720 messages, 7.2 KB of room in the .wasm), `--top
//! 2400`, 17 s: 18,445 bytes gzipped (the embedded 11,213). Dev column as above, embedded →
//! retrained: mistake .793 → .797, churn .857 → .856, effort .837 → .832, praise .847 → .853,
//! loyalty .806 → .833, celebration .830 → .829, loss .889 → .878, hard negatives 50.2% of 207 →
//! 56.8% of 192, intent kind 91.5 → 91.3%; train F1 .95–.99 (it learns the train rows, not
//! more of dev's). Scenarios dev band 89.4 → 85.0%, snippet kind 90.0 → 88.1%, must-cite 95.3
//! → 92.7%; `fit-score` on it 86.2%. Its seven cue heads alone transplanted into the embedded
//! model (distress, frustration, kind and the rest kept; 17,865 bytes): dev band 87.5%,
//! snippet kind 88.8%, must-cite 93.2%; with `fit-score` and `fit-reply` rerun, band 87.5%,
//! snippet kind 86.2%. The retrained distress head moves scenarios most (four dev scenarios
//! changed band on it alone). Not kept: more features buy train fit, not dev readings.
//!
//! Measured 2026-12-01, each model trained with `RJ_L2=1e-2 cargo run --release -q -p
//! rapport-tools --bin train-judgement -- --top N` and read by `cargo run --release -q -p
//! rapport-tools --bin evaluate` (its "judgement corpus, messages" dev column: F1 per cue, the
//! precision on hard-negative rows, intent kind on all rows); bytes of
//! data/judgement_model.bin raw and `gzip -9 <`; i8 is the RJM2 format before (one signed
//! byte per weight, hashes as varints), 4b this one. The last column: the trainer's dev
//! figures the thresholds were picked on (mistake F1, praise F1, relational accuracy).
//!
//!          top    raw   gzip | mistake churn effort praise loyal. celeb. loss | hard neg.  | kind  | trainer
//!     i8   800  10592   9501 | .685 .844 .826 .828 .729 .727 .759 | 41.7% of 36 | 88.9% | .689 .822 .870
//!     4b   800   6492   6424 | .691 .844 .832 .814 .714 .719 .765 | 41.7% of 36 | 88.9% | .689 .818 .874
//!     4b  1000   7855   7738 | .741 .837 .847 .773 .667 .707 .810 | 43.6% of 39 | 89.1% | .736 .787 .879
//!     4b  1200   9194   9052 | .750 .827 .844 .787 .756 .723 .841 | 42.0% of 50 | 89.1% | .762 .813 .879
//!     4b  1300   9864   9656 | .778 .831 .830 .761 .750 .753 .800 | 42.9% of 42 | 89.3% | .782 .787 .879
//!     4b  1400  10535  10286 | .762 .818 .843 .809 .742 .773 .819 | 45.7% of 46 | 89.3% | .785 .822 .885
//!     i8  1500  19517  17031 | .772 .812 .851 .826 .736 .753 .815 | 41.7% of 48 | 89.3% | .786 .830 .889
//!     4b  1500  11205  10914 | .759 .815 .859 .795 .729 .758 .840 | 45.5% of 44 | 89.1% | .782 .795 .885
//!     i8  2500  32111  27574 | .753 .840 .884 .894 .733 .782 .861 | 58.3% of 36 | 90.6% | .774 .894 .910
//!     4b  2500  17838  17186 | .763 .840 .861 .863 .703 .773 .816 | 51.2% of 43 | 90.4% | .779 .863 .908
//!     i8  3000  38357  32956 | .778 .833 .879 .891 .769 .767 .835 | 52.4% of 42 | 92.1% | .787 .891 .921
//!     4b  3000  21128  20262 | .768 .831 .873 .894 .719 .753 .805 | 52.4% of 42 | 91.6% | .790 .894 .916
//!     i8  4000  50742  42899 | .754 .818 .897 .915 .756 .800 .881 | 55.6% of 45 | 90.8% | .760 .915 .904
//!     4b  4000  27706  26441 | .751 .806 .892 .894 .744 .759 .831 | 60.0% of 40 | 91.2% | .763 .884 .908
//!
//! The default was 1400 while the ticket-side .wasm had 1.1 KB left of its 300 KB budget.
//! Measured again on the sixth-pass corpus (7,560 messages; 2026-12-01, same commands, dev
//! column; scenarios with the score fitted to the 1400 model):
//!
//!          top   gzip | mistake churn effort praise loyal. celeb. loss | hard neg.    | kind  | band
//!     4b  1400  10362 | .762 .756 .833 .751 .724 .697 .832 | 39.3% of 173 | 88.9% | 83.7%
//!     4b  1550  11422 | .771 .747 .856 .776 .724 .696 .832 | 40.8% of 174 | 89.3% | 83.7%
//!     4b  1700  12396 | .779 .760 .834 .758 .695 .710 .850 | 43.3% of 157 | 88.6% | 82.2%
//!     4b  2000  14367 | .761 .780 .835 .786 .681 .702 .816 | 44.0% of 150 | 89.3% | 82.9%
//!     4b  2400  16799 | .768 .799 .854 .797 .728 .700 .835 | 41.4% of 169 | 89.7% | 82.2%
//!
//! and on the fifth-pass corpus (5,960 messages), with fewer bits a weight at about the same
//! bytes (`--bits`; RJM4 stores 1 to 4): 1400 at 4 bits 10,453 bytes gzipped, mistake .769,
//! churn .775, praise .765, loyalty .678, loss .831; 1900 at 3 bits 10,826, .764 .800 .793
//! .573 .852; 2500 at 2 bits 10,057, .756 .783 .770 .478 .720. Fewer bits lose what the
//! features gain, so 4 bits stays. Between 1400 and 2400 the dev figures move by about what a
//! dev part this size moves by (±0.02); 1550 was the most that kept the .wasm within its budget
//! (`make size`: 2000 measured 302.6 KB, 2.6 KB over, with the intent model pruned at 0.7 in
//! build.rs). The default is 1400 again since the fitted first reply (src/reply/learned.rs,
//! 2.2 KB of the .wasm) took the room: with it, 1550 measured 300.5 KB and 1400 299.5 KB, and
//! on dev 1400 gave mistake .762, churn .756, effort .833, praise .751 (table above). A
//! 4-bit code costs 4 bits a weight where i8 took 8, a Rice-coded hash ~11 bits where a
//! varint took 16, and neither compresses further: gzip takes 2-4% off this format.

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;

use judgement::{Split, CUE_LABELS};
use rapport::text::judge::{self, Feature, JudgeModel};
use rapport::text::{Kind, TextAnalyzer};
use rapport_eval::*;

const HEADS: [&str; 12] = [
    "mistake",
    "churn",
    "effort",
    "praise",
    "loyalty",
    "celebration",
    "loss",
    "relational",
    "routine",
    "distress",
    "frustration",
    "self_harm",
];

/// Cross-validation folds over our own train rows (the first `ours` rows); external rows
/// are in every fold's training part.
const FOLDS: usize = 5;

#[derive(Clone, Copy)]
struct Fold {
    k: usize,
    ours: usize,
}

impl Fold {
    /// Whether row `i` is held out of this fold's fit.
    fn holds(self, i: usize) -> bool {
        i < self.ours && i % FOLDS == self.k
    }
}

/// One training row: its features, and per head a target (None: this row says nothing of it).
struct Row {
    features: Vec<u32>,
    target: [Option<bool>; 12],
    weight: f32,
}

/// The message's features as the engine makes them (`judgement::model_features`), as hashes.
fn feats(an: &TextAnalyzer, text: &str) -> Vec<u32> {
    judgement::model_features(an, text)
        .iter()
        .map(|f| f.hash)
        .collect()
}

/// Feature hashes as the model scores them (no position: nothing is quoted here).
fn as_features(hashes: &[u32]) -> Vec<Feature> {
    hashes
        .iter()
        .map(|&hash| Feature {
            hash,
            token: 0,
            len: 0,
        })
        .collect()
}

fn main() {
    let top: usize = option("--top").unwrap_or(1400);
    // bits per weight code (1..=4): 2^bits - 1 values beside an exact zero per head
    let bits: u32 = option("--bits").unwrap_or(4);
    if !(1..=4).contains(&bits) {
        eprintln!("--bits {bits}: a code takes 1 to 4 bits");
        std::process::exit(2);
    }
    let msgs = judgement::messages();
    // the weight of a Bitext or BANKING77 row beside one of ours (RJ_EXT to change it)
    let ext_weight: f32 = env_or("RJ_EXT", 0.5);
    // the weight of one of our hard-negative rows (look-alikes) beside another row (RJ_HARD)
    let hard_weight: f32 = env_or("RJ_HARD", 1.0);
    // the phrase patterns alone: the embedded learned model left out
    let mut an = TextAnalyzer::builtin();
    an.judge = JudgeModel::default();
    let mut rows = Vec::new();
    for m in msgs.iter().filter(|m| m.split == Split::Train) {
        let mut target = [None; 12];
        for (i, c) in CUE_LABELS.iter().enumerate() {
            target[i] = Some(m.has(c));
        }
        target[7] = Some(m.relational());
        target[8] = Some(m.routine);
        target[9] = Some(m.emotions.iter().any(|e| e == "distress"));
        target[10] = Some(m.emotions.iter().any(|e| e == "frustration"));
        // thoughts of ending one's life: no corpus row tells them (one mentions a mother who
        // died, none a wish to), so every row, distressed or not, is one they are not
        target[11] = Some(false);
        rows.push(Row {
            features: feats(&an, &m.text),
            target,
            weight: if m.hard_negative.is_some() {
                hard_weight
            } else {
                1.0
            },
        });
    }
    let ours = rows.len();

    // Bitext (CDLA-Sharing-1.0): kind from the taxonomy, churn for delete_account, routine for
    // the plain transactional intents. Its other cues are not labelled: left out of those heads.
    for r in bitext_rows(&bitext_path())
        .into_iter()
        .filter(|r| !r.held_out)
    {
        let mut target = [None; 12];
        target[1] = Some(r.source_intent == "delete_account");
        target[11] = Some(false);
        let kind = an.kind_of(&r.intent);
        target[7] = Some(kind == Kind::Relational);
        if !matches!(
            r.source_intent.as_str(),
            "payment_issue" | "complaint" | "delete_account"
        ) {
            target[8] = Some(kind == Kind::Transactional);
        }
        rows.push(Row {
            features: feats(&an, &r.text),
            target,
            weight: ext_weight,
        });
    }
    // BANKING77 (CC BY 4.0): the bank's own mistakes vs questions that sound like them
    let mut bank_dev: Vec<(String, bool)> = Vec::new();
    for (text, cat) in banking77(&banking77_path()) {
        match fnv(text.trim()) % 5 {
            0 => continue, // held out for evaluate
            1 => {
                // the mistake head's threshold must keep its precision here (never trained on)
                if BANKING77_MISTAKES.contains(&cat.as_str())
                    || BANKING77_NOT_MISTAKES.contains(&cat.as_str())
                {
                    bank_dev.push((text.clone(), BANKING77_MISTAKES.contains(&cat.as_str())));
                }
                continue;
            }
            _ => {}
        }
        let mut target = [None; 12];
        if BANKING77_MISTAKES.contains(&cat.as_str()) {
            target[0] = Some(true);
        } else if BANKING77_NOT_MISTAKES.contains(&cat.as_str()) {
            target[0] = Some(false);
        }
        if cat == "terminate_account" {
            target[1] = Some(true);
        }
        target[11] = Some(false);
        if target.iter().any(Option::is_some) {
            rows.push(Row {
                features: feats(&an, &text),
                target,
                weight: ext_weight,
            });
        }
    }
    // the self-harm head's disclosures and look-alikes: the probe files (`source<TAB>F|N<TAB>
    // text`) named in RJ_PROBES, comma-separated (by default `data/judgement/checks/
    // self-harm-probes.tsv`), each row at weight RJ_PROBE_W (1 by default; at 5, 40 corpus
    // messages more read critical, "overdraft?" among them)
    let probes = std::env::var("RJ_PROBES")
        .unwrap_or_else(|_| repo("data/judgement/checks/self-harm-probes.tsv"));
    let probe_weight: f32 = env_or("RJ_PROBE_W", 1.0);
    for path in probes.split(',').filter(|p| !p.is_empty()) {
        for (label, text) in probe_rows(path) {
            let mut target = [None; 12];
            target[11] = Some(label);
            rows.push(Row {
                features: feats(&an, &text),
                target,
                weight: probe_weight,
            });
        }
    }
    eprintln!(
        "train-judgement: {ours} corpus rows (train split), {} rows in all",
        rows.len()
    );

    // the phrase patterns' hits on dev, to pick the veto with them
    let dev: Vec<_> = msgs.iter().filter(|m| m.split == Split::Dev).collect();
    let dev_feats: Vec<Vec<Feature>> = dev
        .iter()
        .map(|m| as_features(&feats(&an, &m.text)))
        .collect();
    let dev_signals: Vec<_> = dev.iter().map(|m| an.analyze(&m.text)).collect();

    let mut df: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for r in &rows {
        for f in &r.features {
            *df.entry(*f).or_default() += 1;
        }
    }
    // Fit each head on every feature; keep the `top` features most important to any head (a
    // feature's weight times the rows it is in, over the head's largest such product); fit
    // each head again on those alone, so they take up what the dropped ones carried.
    // RJ_ANCHOR=λ: every head starts from the embedded model's weights and bias (same name),
    // keeps its features, and is pulled toward them by λ instead of toward zero (the module's
    // doc has what it measured)
    let embedded = JudgeModel::parse(
        &std::fs::read(repo("data/judgement_model.bin")).expect("the embedded model reads"),
    )
    .expect("the embedded model parses");
    let anchor: Option<f32> = std::env::var("RJ_ANCHOR").ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("RJ_ANCHOR={v}: a number"))
    });
    // RJ_MERGE=α: each head (but self_harm, fitted on its probe sets) becomes α × its fresh fit
    // plus (1 − α) × the embedded model's head, bias and weights alike, over both models'
    // features: the average of two logistic models' log-odds, an ensemble in one linear model.
    // Read, with RJ_KEEP_VETO, before any fitting, so a mistyped value fails at once
    let merge: Option<f32> = std::env::var("RJ_MERGE").ok().map(|v| {
        v.parse()
            .ok()
            .filter(|a| (0.0..=1.0).contains(a))
            .unwrap_or_else(|| panic!("RJ_MERGE={v}: a number from 0 to 1"))
    });
    let keep_veto = std::env::var("RJ_KEEP_VETO").unwrap_or_default();
    let keep_veto: Vec<&str> = keep_veto.split(',').filter(|n| !n.is_empty()).collect();
    if let Some(n) = keep_veto.iter().find(|n| embedded.head(n).is_none()) {
        panic!("RJ_KEEP_VETO: the embedded model has no head {n}");
    }
    // the embedded model's non-zero weights of head `j`, by feature (RJ_ANCHOR and RJ_MERGE)
    let embedded_weights = |j: usize| -> std::collections::HashMap<u32, f32> {
        embedded
            .keys()
            .iter()
            .map(|&k| (k, embedded.weight(j, k)))
            .filter(|(_, w)| *w != 0.0)
            .collect()
    };
    let starts: Vec<Option<Start>> = HEADS
        .iter()
        .map(|name| {
            let (lambda, h) = (anchor?, embedded.head(name)?);
            Some(Start {
                bias: embedded.heads[h].bias,
                weights: embedded_weights(h),
                lambda,
            })
        })
        .collect();
    let full: Vec<_> = (0..HEADS.len())
        .map(|h| match &starts[h] {
            Some(s) => s.weights.clone(),
            None => fit(&rows, h, None, None, None).1,
        })
        .collect();
    let mut importance: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for w in &full {
        let max = w
            .iter()
            .map(|(k, v)| v.abs() * df.get(k).copied().unwrap_or(0) as f32)
            .fold(1e-6, f32::max);
        for (k, v) in w {
            let x = v.abs() * df.get(k).copied().unwrap_or(0) as f32 / max;
            let e = importance.entry(*k).or_default();
            *e = e.max(x);
        }
    }
    let mut ranked: Vec<(u32, f32)> = importance.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(top);
    let mut shared: Vec<u32> = if anchor.is_some() {
        embedded.keys().to_vec()
    } else {
        ranked.iter().map(|x| x.0).collect()
    };
    let keep: std::collections::HashSet<u32> = shared.iter().copied().collect();
    // the self-harm head's features: those of the model it is added to (RJ_SELF_HARM_BASE,
    // `data/judgement_model.bin` by default) and its own RJ_SELF_HARM_NEW (0 by default) strongest
    // beyond them, so that `transplant-heads` adds few features (each new one costs about 7
    // bytes: its hash and a code for every head)
    let sh = HEADS
        .iter()
        .position(|n| *n == "self_harm")
        .expect("a self-harm head");
    let base =
        std::env::var("RJ_SELF_HARM_BASE").unwrap_or_else(|_| repo("data/judgement_model.bin"));
    let base_model =
        JudgeModel::parse(&std::fs::read(&base).unwrap_or_else(|e| panic!("{base}: {e}")))
            .unwrap_or_else(|e| panic!("{base}: {e}"));
    // the base's features some other head weighs (the features of a self-harm head already in
    // it are chosen again, so a rerun writes the same head)
    let base_keys: std::collections::HashSet<u32> = base_model
        .keys()
        .iter()
        .copied()
        .filter(|&k| {
            base_model
                .weights_of(k)
                .iter()
                .any(|(h, _)| base_model.heads[*h as usize].name != "self_harm")
        })
        .collect();
    let new_allowed: usize = env_or("RJ_SELF_HARM_NEW", 0);
    // features by how much the head's full fit leans on them (weight × rows), the most first
    let by_weight = |keys: &mut dyn Iterator<Item = u32>| {
        let mut ranked: Vec<(u32, f32)> = keys
            .map(|k| {
                let w = full[sh].get(&k).copied().unwrap_or(0.0);
                (k, w.abs() * df.get(&k).copied().unwrap_or(0) as f32)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    };
    let own = by_weight(&mut full[sh].keys().copied().filter(|k| !base_keys.contains(k)));
    // of the base's features, the RJ_SELF_HARM_KEEP (all by default) the head weighs most: a
    // head with fewer non-zero weights compresses smaller
    let from_base = by_weight(&mut base_keys.iter().copied());
    let keep_base: usize = env_or("RJ_SELF_HARM_KEEP", usize::MAX);
    let keep_sh: std::collections::HashSet<u32> = from_base
        .iter()
        .take(keep_base)
        .map(|x| x.0)
        .chain(own.iter().take(new_allowed).map(|x| x.0))
        .collect();
    shared.extend(keep_sh.iter().copied());
    // RJ_MERGE (read above): the embedded model's features are kept beside the fresh ones
    if merge.is_some() {
        shared.extend(embedded.keys().iter().copied());
    }
    shared.sort_unstable();
    shared.dedup();
    let quantized_heads = |left_out: Option<Fold>| {
        let mut heads = Vec::new();
        for (h, name) in HEADS.iter().enumerate() {
            let (mut bias, mut w) = fit(
                &rows,
                h,
                Some(if h == sh { &keep_sh } else { &keep }),
                left_out,
                starts[h].as_ref(),
            );
            if let (Some(a), Some(j)) = (merge, embedded.head(name)) {
                let a = if *name == "self_harm" { 0.0 } else { a };
                let mut m = embedded_weights(j);
                for v in m.values_mut() {
                    *v *= 1.0 - a;
                }
                for (k, v) in &w {
                    *m.entry(*k).or_default() += a * v;
                }
                bias = a * bias + (1.0 - a) * embedded.heads[j].bias;
                w = m;
            }
            let ws: Vec<f32> = shared
                .iter()
                .map(|k| w.get(k).copied().unwrap_or(0.0))
                .collect();
            let (codebook, codes) = codebook(&ws, (1 << bits) - 1);
            heads.push(judge::HeadSpec {
                name: name.to_string(),
                bias,
                threshold: 0.5,
                veto: 0.0,
                codebook,
                codes,
            });
        }
        heads
    };
    let mut heads = quantized_heads(None);
    // thresholds and vetoes on dev, with the quantized model
    let model = JudgeModel::parse(&judge::write(&heads, &shared, bits)).expect("reads back");
    let dev_probs: Vec<Vec<f32>> = dev_feats
        .iter()
        .map(|f| model.score(f).iter().map(|s| s.probability).collect())
        .collect();
    // The rows the thresholds and vetoes are picked on (RJ_PICK): `dev`, or `oof` (the train
    // split's own rows, each scored by a model fitted without its fifth: five folds, the
    // features kept as chosen on all of train), or `both`.
    let pick_mode = std::env::var("RJ_PICK").unwrap_or_else(|_| "dev".into());
    let (mut pick, mut probs, mut pick_signals) = (Vec::new(), Vec::new(), Vec::new());
    if pick_mode != "dev" {
        let train: Vec<&judgement::Message> =
            msgs.iter().filter(|m| m.split == Split::Train).collect();
        let mut oof: Vec<Vec<f32>> = vec![Vec::new(); ours];
        for k in 0..FOLDS {
            let fold = Fold { k, ours };
            let m = JudgeModel::parse(&judge::write(&quantized_heads(Some(fold)), &shared, bits))
                .expect("reads back");
            for (i, p) in oof.iter_mut().enumerate().filter(|(i, _)| fold.holds(*i)) {
                let f = as_features(&rows[i].features);
                *p = m.score(&f).iter().map(|s| s.probability).collect();
            }
        }
        for (m, p) in train.into_iter().zip(oof) {
            pick_signals.push(an.analyze(&m.text));
            pick.push(m);
            probs.push(p);
        }
    }
    if pick_mode != "oof" {
        pick.extend(dev.iter().copied());
        probs.extend(dev_probs);
        pick_signals.extend(dev_signals.iter().cloned());
    }
    let dev = pick;
    let dev_patterns: Vec<rapport::text::Cues> = pick_signals.iter().map(|s| s.cues).collect();
    let dev_emotions: Vec<rapport::text::Emotions> =
        pick_signals.iter().map(|s| s.emotions).collect();
    let bank_probs: Vec<(f32, bool, bool)> = bank_dev
        .iter()
        .map(|(text, y)| {
            let f = as_features(&feats(&an, text));
            (
                model.score(&f)[0].probability,
                an.analyze(text).cues.mistake > 0.0,
                *y,
            )
        })
        .collect();
    let bank_precision = |t: f32, veto: f32| {
        let (mut tp, mut fp) = (0, 0);
        for &(p, pattern, y) in &bank_probs {
            if p >= t || (pattern && p >= veto) {
                if y {
                    tp += 1
                } else {
                    fp += 1
                }
            }
        }
        tp as f64 / (tp + fp).max(1) as f64
    };
    for (h, name) in HEADS.iter().enumerate() {
        // the self-harm head has no rows on dev: its bar is RJ_SELF_HARM_T (0.8 by default;
        // `SELF_HARM_STRENGTH` in src/text/learned.rs says how it was chosen)
        if *name == "self_harm" {
            heads[h].threshold = env_or("RJ_SELF_HARM_T", 0.8);
            continue;
        }
        let truth: Vec<bool> = dev
            .iter()
            .map(|m| match h {
                7 => m.relational(),
                8 => m.routine,
                9 | 10 => m.emotions.iter().any(|e| e == name),
                _ => m.has(name),
            })
            .collect();
        let pattern: Vec<bool> = dev_patterns
            .iter()
            .zip(&dev_emotions)
            .map(|(c, e)| match *name {
                "distress" => e.distress >= 0.2,
                "frustration" => e.frustration >= 0.2,
                "mistake" => c.mistake > 0.0,
                "churn" => c.churn > 0.0,
                "effort" => c.effort > 0.0,
                "praise" => c.praise > 0.0,
                "loyalty" => c.loyalty > 0.0,
                "celebration" => c.celebration > 0.0,
                "loss" => c.loss > 0.0,
                _ => false,
            })
            .collect();
        // thresholds from 0.4 (RJ_TMIN, in twentieths): 0.6 was the floor while the model's L2
        // was 1e-4 (below it, a short message's few words made confident nonsense); with L2 1e-2
        // the probabilities are less extreme and on the fourth-pass dev part every cue head but
        // mistake and churn picked a threshold under 0.6 (praise F1 .815 → .843, frustration
        // .686 → .730, loyalty .694 → .722)
        // (the fallback, if no threshold keeps a constraint, is the strictest)
        // RJ_BETA: the F-measure's beta. 1 (F1, the measure the targets use) by default:
        // F0.5 was the default before; on the dev part it gave cue F1 0.02–0.06 lower for
        // hard-negative precision 50.0% instead of 41.7%, and band agreement 77.2% vs 78.5%
        let beta: f64 = env_or("RJ_BETA", 1.0);
        let mut best = (f64::MIN, 0.95f32, 0.0f32);
        let tmin: usize = env_or("RJ_TMIN", 8);
        for ti in tmin..20 {
            let t = ti as f32 * 0.05;
            for vi in 0..20 {
                let veto = vi as f32 * 0.025;
                if veto >= t {
                    continue;
                }
                let pred: Vec<bool> = (0..dev.len())
                    .map(|i| probs[i][h] >= t || (pattern[i] && probs[i][h] >= veto))
                    .collect();
                // cues and emotions: F-beta (beta above); the kind and routine: accuracy
                let score = if h == 7 || h == 8 {
                    accuracy(&pred, &truth)
                } else {
                    fbeta(&pred, &truth, beta)
                };
                if h == 0 && bank_precision(t, veto) < 0.97 {
                    continue;
                }
                if score > best.0 + 1e-9 {
                    best = (score, t, veto);
                }
            }
        }
        let only = |pred: Vec<bool>| {
            if h == 7 || h == 8 {
                accuracy(&pred, &truth)
            } else {
                f1(&pred, &truth)
            }
        };
        let model_only = (2..19)
            .map(|ti| only(probs.iter().map(|p| p[h] >= ti as f32 * 0.05).collect()))
            .fold(0.0, f64::max);
        eprintln!(
            "  {name:<12} dev: patterns alone {:.3}, model alone (best threshold) {:.3}",
            only(pattern.clone()),
            model_only
        );
        heads[h].threshold = best.1;
        heads[h].veto = best.2;
        eprintln!(
            "  {name:<12} dev {} {:.3} at threshold {:.2}, veto {:.3}; {} weights",
            if h == 7 || h == 8 {
                "accuracy"
            } else {
                "F-beta"
            },
            best.0,
            best.1,
            best.2,
            heads[h].codes.iter().filter(|q| **q != 0).count()
        );
    }
    // RJ_KEEP_T: every head keeps the embedded model's threshold and veto (those the score,
    // the first reply and the phrase lines were fitted beside) instead of picking its own;
    // the heads named in RJ_KEEP_VETO (read above) keep only its veto (the bar under which the
    // model overrules a weak phrase pattern)
    let keep_t = std::env::var("RJ_KEEP_T").is_ok();
    for h in heads.iter_mut() {
        if let Some(j) = embedded.head(&h.name) {
            if keep_t {
                h.threshold = embedded.heads[j].threshold;
            }
            if keep_t || keep_veto.contains(&h.name.as_str()) {
                h.veto = embedded.heads[j].veto;
            }
        }
    }
    let bytes = judge::write(&heads, &shared, bits);
    if let Ok(path) = std::env::var("RJ_PROBE_TEST") {
        probe_test(&an, &JudgeModel::parse(&bytes).expect("reads back"), &path);
    }
    let out = repo("data/judgement_model.bin");
    std::fs::write(&out, &bytes).expect("write the model");
    eprintln!("train-judgement: wrote {out} ({} bytes)", bytes.len());
}

/// A head's 4-bit codebook: zero (code 0, exact, so a feature the head has no use for adds
/// nothing) and at most 15 values, fitted by 1-D k-means (Lloyd) on the head's weights from
/// a fixed start at their quantiles; then each weight's code, the nearest value's.
/// Deterministic. (Counting each weight as often as its feature occurs in the rows measured
/// no better on dev, better at top 2500 and worse at 800 and 1500, and compressed 1-2% worse.)
fn codebook(ws: &[f32], levels: usize) -> (Vec<f32>, Vec<u8>) {
    let mut sorted: Vec<f32> = ws.iter().copied().filter(|w| *w != 0.0).collect();
    sorted.sort_by(f32::total_cmp);
    if sorted.is_empty() {
        return (Vec::new(), vec![0; ws.len()]);
    }
    // weights that already take few values (a quantized head, refitted for no epochs) keep
    // them exactly: started at quantiles, two starts could fall on one value and merge two
    // codes (a copy of the embedded model lost 76 of its 257 celebration hits that way)
    let mut distinct = sorted.clone();
    distinct.dedup();
    let mut c: Vec<f32> = if distinct.len() <= levels {
        distinct
    } else {
        (0..levels)
            .map(|j| sorted[((j as f64 + 0.5) / levels as f64 * sorted.len() as f64) as usize])
            .collect()
    };
    c.dedup();
    // the nearest value: 0 for zero, j + 1 for c[j]
    let nearest = |c: &[f32], w: f32| {
        let mut best = (w.abs(), 0u8);
        for (j, v) in c.iter().enumerate() {
            if (w - v).abs() < best.0 {
                best = ((w - v).abs(), j as u8 + 1);
            }
        }
        best.1
    };
    let mut codes: Vec<u8> = ws.iter().map(|&w| nearest(&c, w)).collect();
    for _ in 0..200 {
        let mut sum = vec![(0f64, 0f64); c.len()];
        for (&w, &q) in ws.iter().zip(&codes) {
            if q != 0 {
                sum[q as usize - 1].0 += w as f64;
                sum[q as usize - 1].1 += 1.0;
            }
        }
        for (v, (s, n)) in c.iter_mut().zip(sum) {
            if n > 0.0 {
                *v = (s / n) as f32;
            }
        }
        let next: Vec<u8> = ws.iter().map(|&w| nearest(&c, w)).collect();
        if next == codes {
            break;
        }
        codes = next;
    }
    // values no weight uses are left out
    let used: Vec<bool> = (0..c.len())
        .map(|j| codes.contains(&(j as u8 + 1)))
        .collect();
    let book: Vec<f32> = c.iter().zip(&used).filter(|x| *x.1).map(|x| *x.0).collect();
    let renum: Vec<u8> = used
        .iter()
        .scan(0u8, |n, &u| {
            *n += u as u8;
            Some(*n)
        })
        .collect();
    let codes = codes
        .iter()
        .map(|&q| if q == 0 { 0 } else { renum[q as usize - 1] })
        .collect();
    (book, codes)
}

/// Logistic regression for head `h` by Adagrad over presence features, L2-regularised (1e-2:
/// on the dev part with the third-pass corpus, 1e-4 gave mistake F-beta 0.800, churn 0.816,
/// effort 0.781, loyalty 0.690; 1e-2 gave 0.805, 0.839, 0.815, 0.774; 3e-2 and 1e-1 were
/// mixed, lower on mistake); rows
/// whose target for `h` is unknown are skipped; positives weighted up by the square root of
/// the class ratio. Deterministic order (a fixed xorshift shuffle).
/// Where a head's fit starts and what it is pulled toward (`RJ_ANCHOR`): the embedded model's
/// weights and bias, and the pull's strength.
struct Start {
    bias: f32,
    weights: std::collections::HashMap<u32, f32>,
    lambda: f32,
}

fn fit(
    rows: &[Row],
    h: usize,
    keep: Option<&std::collections::HashSet<u32>>,
    left_out: Option<Fold>,
    start: Option<&Start>,
) -> (f32, std::collections::HashMap<u32, f32>) {
    use std::collections::HashMap;
    let used: Vec<&Row> = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| r.target[h].is_some() && !left_out.is_some_and(|f| f.holds(*i)))
        .map(|(_, r)| r)
        .collect();
    let pos = used
        .iter()
        .filter(|r| r.target[h] == Some(true))
        .count()
        .max(1);
    let neg = (used.len() - pos).max(1);
    let pos_w = ((neg as f32) / (pos as f32)).sqrt().max(1.0);
    let mut g2: HashMap<u32, f32> = HashMap::new();
    let (mut w, mut b, mut bg2) = match start {
        Some(s) => (s.weights.clone(), s.bias, 1e-6f32),
        None => (HashMap::new(), 0f32, 1e-6f32),
    };
    let (lr, l2): (f32, f32) = (
        env_or("RJ_LR", 0.3),
        start.map_or_else(|| env_or("RJ_L2", 1e-2), |s| s.lambda),
    );
    let pulled_to = |f: &u32| start.and_then(|s| s.weights.get(f)).copied().unwrap_or(0.0);
    let mut order: Vec<usize> = (0..used.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ h as u64;
    for _ in 0..env_or("RJ_EPOCHS", 25.0f32) as usize {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let r = used[i];
            let y = r.target[h] == Some(true);
            let z = b + r
                .features
                .iter()
                .map(|f| w.get(f).copied().unwrap_or(0.0))
                .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = (p - if y { 1.0 } else { 0.0 }) * r.weight * if y { pos_w } else { 1.0 };
            bg2 += g * g;
            b -= lr * g / bg2.sqrt();
            for f in &r.features {
                if keep.is_some_and(|k| !k.contains(f)) {
                    continue;
                }
                let wf = w.entry(*f).or_insert(0.0);
                let gf = g + l2 * (*wf - pulled_to(f));
                let acc = g2.entry(*f).or_insert(1e-6);
                *acc += gf * gf;
                *wf -= lr * gf / acc.sqrt();
            }
        }
    }
    (b, w)
}

fn f1(pred: &[bool], truth: &[bool]) -> f64 {
    let tp = pred.iter().zip(truth).filter(|(p, t)| **p && **t).count() as f64;
    let fp = pred.iter().zip(truth).filter(|(p, t)| **p && !**t).count() as f64;
    let fneg = pred.iter().zip(truth).filter(|(p, t)| !**p && **t).count() as f64;
    if tp == 0.0 {
        return 0.0;
    }
    2.0 * tp / (2.0 * tp + fp + fneg)
}

fn fbeta(pred: &[bool], truth: &[bool], beta: f64) -> f64 {
    let tp = pred.iter().zip(truth).filter(|(p, t)| **p && **t).count() as f64;
    let fp = pred.iter().zip(truth).filter(|(p, t)| **p && !**t).count() as f64;
    let fneg = pred.iter().zip(truth).filter(|(p, t)| !**p && **t).count() as f64;
    let b2 = beta * beta;
    if tp == 0.0 {
        return 0.0;
    }
    (1.0 + b2) * tp / ((1.0 + b2) * tp + b2 * fneg + fp)
}

fn accuracy(pred: &[bool], truth: &[bool]) -> f64 {
    pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len().max(1) as f64
}

/// RJ_PROBE_TEST: how this model's self-harm head reads a probe file it was not fitted on:
/// per label, the rows the phrase patterns alone find at critical strength (distress 0.9),
/// then the rows found by the patterns or by the head from each bar 0.30 .. 0.95.
fn probe_test(an: &TextAnalyzer, model: &JudgeModel, path: &str) {
    let h = model.head("self_harm").expect("a self-harm head");
    let bars: Vec<f32> = (6..20).map(|i| i as f32 * 0.05).collect();
    let mut at: std::collections::BTreeMap<bool, Vec<usize>> = Default::default();
    for (label, text) in probe_rows(path) {
        let fs = as_features(&feats(an, &text));
        let p = model.score(&fs)[h].probability;
        let pattern = an.analyze(&text).emotions.distress >= 0.9;
        let a = at.entry(label).or_insert(vec![0; bars.len() + 1]);
        a[0] += pattern as usize;
        for (k, b) in bars.iter().enumerate() {
            a[k + 1] += (pattern || p >= *b) as usize;
        }
    }
    for (label, a) in at {
        let cells: Vec<String> = bars
            .iter()
            .zip(&a[1..])
            .map(|(b, k)| format!("{b:.2}:{k}"))
            .collect();
        eprintln!(
            "  probe test {}: patterns {} | patterns or head from bar {}",
            if label { "F" } else { "N" },
            a[0],
            cells.join(" ")
        );
    }
}
