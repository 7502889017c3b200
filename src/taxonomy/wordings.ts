import { mergeWordings } from "./wording-set.js";
import { WORDINGS_13 } from "./wordings-13.js";
import { WORDINGS_14 } from "./wordings-14.js";
import { WORDINGS_15 } from "./wordings-15.js";
import { WORDINGS_16 } from "./wordings-16.js";

/** The batches' wordings, merged by slot. */
export const MORE = mergeWordings([WORDINGS_13, WORDINGS_14, WORDINGS_15, WORDINGS_16]);
