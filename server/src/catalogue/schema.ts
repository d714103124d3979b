/**
 * zod schemas for the catalogue in definitions/: instruments (treaty text, citations, permitted
 * reservations) and elements (what a bill must contain, and the lexicons that find it).
 *
 * Legal content is data: nothing here knows what "possession" is. The detector kinds below are the
 * only shapes of matching knowledge the analysis layer understands; each carries its lexicon.
 * scripts/gen-schema.js turns these into JSON Schemas for YAML editors.
 */
import { z } from 'zod';

/** A regular-expression source, matched case-insensitively on word boundaries; must compile. */
export const PatternSchema = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

export const InstrumentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'instrument ids are lower-case words joined by hyphens (e.g. "eu-2011-93")');

/** Pinpoint article reference as printed in citations: "9(1)(e)", "2(c)(iii)", "3", "20(1)(f)". */
export const ArticleRefSchema = z
  .string()
  .regex(/^[0-9]+[a-z]?(\([0-9a-z]+\))*$/, 'article references look like 9(1)(e) or 2(c)(iii)');

export const ArticleSchema = z.object({
  article: ArticleRefSchema,
  /** Article heading as in the treaty, e.g. "Offences related to child pornography". */
  title: z.string().min(1).optional(),
  /** The treaty text of exactly this pinpoint, verbatim. */
  text: z.string().min(1),
  /** true only once the quotation was checked against an authentic text (say which in `source`). */
  verified: z.boolean(),
  source: z.string().min(1),
  url: z.url(),
});

export const ReservationRuleSchema = z.object({
  /** The article that permits the reservation, e.g. "9(4)". */
  article: ArticleRefSchema,
  /** The obligations a Party may reserve on, e.g. ["9(1)(d)", "9(1)(e)", "9(2)(b)", "9(2)(c)"]. */
  covers: z.array(ArticleRefSchema).min(1),
  /** What the reservation permits, shown to the drafter. */
  summary: z.string().min(1),
});

export const InstrumentSchema = z.object({
  id: InstrumentIdSchema,
  name: z.string().min(1),
  shortName: z.string().min(1),
  /** Formal citation: "CETS No. 185", "OJ L 335, 17.12.2011, p. 1". */
  citation: z.string().min(1),
  url: z.url(),
  /** binding = a treaty obligation (errors by default); advisory = good practice (warnings). */
  force: z.enum(['binding', 'advisory']),
  /** Checked when no instruments are named in front matter, settings or --instruments. */
  defaultEnabled: z.boolean().default(true),
  articles: z.array(ArticleSchema).min(1),
  reservations: z.array(ReservationRuleSchema).default([]),
});

export const ObligationSchema = z.object({
  instrument: InstrumentIdSchema,
  /** Pinpoints in that instrument this element rests on; each must exist in the instrument file. */
  articles: z.array(ArticleRefSchema).min(1),
  level: z.enum(['required', 'advisory']).default('required'),
  /**
   * Weakenings this instrument tolerates, by weakening id from the detector (e.g. OPSC accepts
   * possession "for the above purposes": accepts [purpose-qualified]).
   */
  accepts: z.array(z.string()).default([]),
  /** For age thresholds: the lowest age this instrument permits (Budapest 9(3): 16). */
  lowestPermittedAge: z.number().int().positive().optional(),
  /** Other instruments' articles this obligation leans on (OPSC relies on CRC Art 1 for "child"). */
  related: z.array(z.object({ instrument: InstrumentIdSchema, article: ArticleRefSchema })).default([]),
  note: z.string().optional(),
});

export const WeakeningSchema = z.object({
  id: z.string().min(1),
  pattern: PatternSchema,
  /** One sentence a drafter can act on. */
  reason: z.string().min(1),
});

export const LimbSchema = z.object({
  id: z.string().min(1),
  /** What this limb is, for reasons: "attempt", "aiding and abetting". */
  describes: z.string().min(1),
  patterns: z.array(PatternSchema).min(1),
  /** A required limb missing makes the element partial rather than met. */
  required: z.boolean().default(true),
  /**
   * Found without the others, does this limb still show the element in part? ("jurisdiction"
   * alone is a territorial-only clause: partial; "service provider" alone is no duty at all.)
   */
  standsAlone: z.boolean().default(true),
});

const ConductDetector = z.object({
  kind: z.literal('offence-conduct'),
  /** Verb forms and nominalisations of the conduct. */
  conduct: z.array(PatternSchema).min(1),
  /** Words that reach the conduct only in part (e.g. "transports in foreign commerce" for import). */
  partialConduct: z.array(WeakeningSchema).default([]),
  /** Qualifiers that narrow the offence (purpose clauses); instruments may accept them. */
  weakenings: z.array(WeakeningSchema).default([]),
  /** The offence must concern the material (true) or may concern a child/performance directly. */
  needsMaterial: z.boolean().default(true),
  /** Words of which at least one must occur in the provision (e.g. "performance" for performances). */
  alsoNeeds: z.array(PatternSchema).default([]),
});

const ChildAgeDetector = z.object({
  kind: z.literal('child-age'),
  threshold: z.number().int().positive(),
});

const MaterialDefinitionDetector = z.object({
  kind: z.literal('material-definition'),
  /** Words in a definition body showing it defines depictions (representation, depiction, image…). */
  depictionCues: z.array(PatternSchema).min(1),
  /** Words showing the depiction is sexual. */
  sexualCues: z.array(PatternSchema).min(1),
  /** Limbs whose absence makes the definition narrower than OPSC 2(c). */
  limbs: z.array(LimbSchema).default([]),
});

const DefinitionLimbDetector = z.object({
  kind: z.literal('definition-limb'),
  patterns: z.array(PatternSchema).min(1),
  /** Matches that reach the limb only in part ("photograph or film" for "by whatever means"). */
  partial: z.array(WeakeningSchema).default([]),
});

const ClauseDetector = z.object({
  kind: z.literal('clause'),
  limbs: z.array(LimbSchema).min(1),
  /** The clause must concern the bill's offences (mentions an offence, the material or this Act). */
  needsContext: z.array(PatternSchema).default([]),
  /** All limbs must stand in one section (jurisdiction: "outside" and "citizen" together). */
  sameSection: z.boolean().default(false),
  /** Provisions about something else that mention the limb words (a forfeiture of "any computer used"). */
  excludeContext: z.array(PatternSchema).default([]),
});

const PenaltyDetector = z.object({
  kind: z.literal('penalties'),
  imprisonment: z.array(PatternSchema).min(1),
  /** Minimum maximum term in years per offence element (Directive 5(2)-(6)). */
  minimumMaxima: z.record(z.string(), z.number().positive()).default({}),
  /** Instrument whose minimum maxima these are. */
  minimaInstrument: InstrumentIdSchema.optional(),
});

export const DetectorSchema = z.discriminatedUnion('kind', [
  ConductDetector,
  ChildAgeDetector,
  MaterialDefinitionDetector,
  DefinitionLimbDetector,
  ClauseDetector,
  PenaltyDetector,
]);

export const ElementIdSchema = z
  .string()
  .regex(/^(definition|offence|general|online)\/[a-z0-9-]+$/, 'element ids look like "offence/possession"');

export const DraftSchema = z.object({
  /** Where a quick-fix puts it. */
  placement: z.enum(['definitions', 'offences', 'general', 'end']),
  /**
   * Provision text with placeholders: {material} {child} {shall} {age}; the drafter's own defined
   * terms are substituted. Never copied from a national statute.
   */
  text: z.string().min(1),
  heading: z.string().optional(),
});

export const ElementSchema = z.object({
  id: ElementIdSchema,
  title: z.string().min(1),
  category: z.enum(['definition', 'offence', 'general', 'online']),
  /** What must be in the bill, one sentence. */
  requirement: z.string().min(1),
  obligations: z.array(ObligationSchema).min(1),
  detector: DetectorSchema,
  draft: DraftSchema.optional(),
});

/** Shared vocabulary: how bills name the material and the child, what marks an offence, etc. */
export const LexiconSchema = z.object({
  materialTerms: z.array(PatternSchema).min(1),
  /** Words pointing back to the material named elsewhere in the section ("such material"). */
  materialAnaphora: z.array(PatternSchema).default([]),
  /** Words that, with the child, make a section worth reading (performances, solicitation). */
  sexualContext: z.array(PatternSchema).default([]),
  childTerms: z.array(PatternSchema).min(1),
  offenceMarkers: z.array(PatternSchema).min(1),
  /** Defences, exceptions, exclusions, repeal: text that mentions a conduct without creating it. */
  exclusionMarkers: z.array(PatternSchema).min(1),
  negationMarkers: z.array(PatternSchema).min(1),
  definitionSectionHeadings: z.array(PatternSchema).min(1),
  offenceSectionHeadings: z.array(PatternSchema).min(1),
  numberWords: z.record(z.string(), z.number().int()),
});

export const ElementsFileSchema = z.object({
  lexicon: LexiconSchema,
  elements: z.array(ElementSchema).min(1),
});

export type Article = z.infer<typeof ArticleSchema>;
export type Instrument = z.infer<typeof InstrumentSchema>;
export type Obligation = z.infer<typeof ObligationSchema>;
export type Weakening = z.infer<typeof WeakeningSchema>;
export type Limb = z.infer<typeof LimbSchema>;
export type Detector = z.infer<typeof DetectorSchema>;
export type Element = z.infer<typeof ElementSchema>;
export type Lexicon = z.infer<typeof LexiconSchema>;
export type ElementsFile = z.infer<typeof ElementsFileSchema>;
