/**
 * The MCP clients `mcp --print-config --client` writes for. Apart from mcp-config.ts, which
 * loads the embedded database's module, so that registering the `mcp` command does not.
 */
export const MCP_CLIENTS = ["claude-desktop", "claude-code", "vscode", "cursor"] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];
