import { mergeWordings } from "./wording-set.js";
import { WORDINGS_13 } from "./wordings-13.js";
import { WORDINGS_14 } from "./wordings-14.js";
import { WORDINGS_15 } from "./wordings-15.js";
import { WORDINGS_16 } from "./wordings-16.js";
import { WORDINGS_17 } from "./wordings-17.js";
import { WORDINGS_18 } from "./wordings-18.js";
import { WORDINGS_19 } from "./wordings-19.js";
import { WORDINGS_20 } from "./wordings-20.js";
import { WORDINGS_21 } from "./wordings-21.js";
import { WORDINGS_22 } from "./wordings-22.js";
import { WORDINGS_23 } from "./wordings-23.js";
import { WORDINGS_24 } from "./wordings-24.js";
import { WORDINGS_25 } from "./wordings-25.js";
import { WORDINGS_26 } from "./wordings-26.js";
import { WORDINGS_27 } from "./wordings-27.js";
import { WORDINGS_28 } from "./wordings-28.js";
import { WORDINGS_29 } from "./wordings-29.js";
import { WORDINGS_30 } from "./wordings-30.js";
import { WORDINGS_31 } from "./wordings-31.js";
import { WORDINGS_32 } from "./wordings-32.js";
import { WORDINGS_33 } from "./wordings-33.js";
import { WORDINGS_34 } from "./wordings-34.js";
import { WORDINGS_35 } from "./wordings-35.js";
import { WORDINGS_36 } from "./wordings-36.js";
import { WORDINGS_37 } from "./wordings-37.js";
import { WORDINGS_38 } from "./wordings-38.js";
import { WORDINGS_39 } from "./wordings-39.js";
import { WORDINGS_40 } from "./wordings-40.js";
import { WORDINGS_41 } from "./wordings-41.js";
import { WORDINGS_42 } from "./wordings-42.js";
import { WORDINGS_43 } from "./wordings-43.js";
import { WORDINGS_44 } from "./wordings-44.js";
import { WORDINGS_45 } from "./wordings-45.js";
import { WORDINGS_46 } from "./wordings-46.js";
import { WORDINGS_47 } from "./wordings-47.js";
import { WORDINGS_48 } from "./wordings-48.js";
import { WORDINGS_49 } from "./wordings-49.js";
import { WORDINGS_50 } from "./wordings-50.js";
import { WORDINGS_51 } from "./wordings-51.js";
import { WORDINGS_52 } from "./wordings-52.js";
import { WORDINGS_53 } from "./wordings-53.js";
import { WORDINGS_54 } from "./wordings-54.js";
import { WORDINGS_55 } from "./wordings-55.js";
import { WORDINGS_56 } from "./wordings-56.js";
import { WORDINGS_57 } from "./wordings-57.js";
import { WORDINGS_58 } from "./wordings-58.js";
import { WORDINGS_59 } from "./wordings-59.js";
import { WORDINGS_60 } from "./wordings-60.js";
import { WORDINGS_61 } from "./wordings-61.js";
import { WORDINGS_62 } from "./wordings-62.js";
import { WORDINGS_63 } from "./wordings-63.js";
import { WORDINGS_64 } from "./wordings-64.js";
import { WORDINGS_65 } from "./wordings-65.js";
import { WORDINGS_67 } from "./wordings-67.js";
import { WORDINGS_68 } from "./wordings-68.js";
import { WORDINGS_69 } from "./wordings-69.js";
import { WORDINGS_70 } from "./wordings-70.js";
import { WORDINGS_71 } from "./wordings-71.js";
import { WORDINGS_LANGUAGES } from "./wordings-languages.js";
import { WORDINGS_ZH } from "./wordings-zh.js";
import { WORDINGS_ACCESS } from "./wordings-access.js";
import { WORDINGS_I18N } from "./wordings-i18n.js";
import { WORDINGS_JA_KO } from "./wordings-ja-ko.js";
import { WORDINGS_PROBES } from "./wordings-probes.js";
import { WORDINGS_REQUEST } from "./wordings-request.js";
import { WORDINGS_TRANSPORT } from "./wordings-transport.js";

/** The batches' wordings, then the broad families written across batches, merged by slot. */
export const MORE = mergeWordings([
  WORDINGS_13,
  WORDINGS_14,
  WORDINGS_15,
  WORDINGS_16,
  WORDINGS_17,
  WORDINGS_18,
  WORDINGS_19,
  WORDINGS_20,
  WORDINGS_21,
  WORDINGS_22,
  WORDINGS_23,
  WORDINGS_24,
  WORDINGS_25,
  WORDINGS_26,
  WORDINGS_27,
  WORDINGS_28,
  WORDINGS_29,
  WORDINGS_30,
  WORDINGS_31,
  WORDINGS_32,
  WORDINGS_33,
  WORDINGS_34,
  WORDINGS_35,
  WORDINGS_36,
  WORDINGS_37,
  WORDINGS_38,
  WORDINGS_39,
  WORDINGS_40,
  WORDINGS_41,
  WORDINGS_42,
  WORDINGS_43,
  WORDINGS_44,
  WORDINGS_45,
  WORDINGS_46,
  WORDINGS_47,
  WORDINGS_48,
  WORDINGS_49,
  WORDINGS_50,
  WORDINGS_51,
  WORDINGS_52,
  WORDINGS_53,
  WORDINGS_54,
  WORDINGS_55,
  WORDINGS_56,
  WORDINGS_57,
  WORDINGS_58,
  WORDINGS_59,
  WORDINGS_60,
  WORDINGS_61,
  WORDINGS_62,
  WORDINGS_63,
  WORDINGS_64,
  WORDINGS_65,
  WORDINGS_67,
  WORDINGS_68,
  WORDINGS_69,
  WORDINGS_70,
  WORDINGS_71,
  WORDINGS_PROBES,
  WORDINGS_ACCESS,
  WORDINGS_REQUEST,
  WORDINGS_TRANSPORT,
  WORDINGS_ZH,
  WORDINGS_JA_KO,
  WORDINGS_I18N,
  WORDINGS_LANGUAGES,
]);
