// ESLint flat config: typescript-eslint's type-checked rules catch the bugs that hurt a job
// runner most (floating promises, misused promises); Prettier owns formatting.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";
import { layerBlocks, testBlocks } from "./eslint.layers.js";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "tools/ferretdb/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only the CLI and the logger write to the terminal; everything else logs through a Logger.
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/logger.ts"],
    rules: { "no-console": "error" },
  },
  {
    // Plain scripts without type annotations: the type-aware rules would only see `any`.
    files: ["eslint.layers.js", "tools/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  // The layers of src/, and what may import the driver, read process.env, write `models`, call an
  // LLM, read a budget, write to the terminal or read a clock:
  // the table and the lists of files still to move are in eslint.layers.js.
  ...layerBlocks,
  // Tests use the real parts: no vi.mock of our modules, no spy on a store.
  ...testBlocks,
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  prettier,
);
