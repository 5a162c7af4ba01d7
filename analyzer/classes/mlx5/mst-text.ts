import { cleanText, type CleanText } from '../../parsers/text-input.js';

/**
 * ESXi's shell prompt ends with no sign: `[root@esxi01:/opt/mellanox/bin] ./flint -d mt4119_pciconf0 q`. Before an mst
 * tool's command it is given the `#` other prompts end with, so the text layer reads the line as a prompt and its command
 * (the device, the start of a run) as it reads `[root@host ~]# flint …`; nothing else of the text changes.
 */
const ESXI_PROMPT =
  /^([ \t>]*\[[^\]\s@]+@[^\]\s]+\])[ \t]+(?=(?:sudo\s+)?(?:\S*\/)?(?:mstflint|flint(?:_ext)?|mstconfig|mlxconfig|mlxfwmanager|mstfwmanager|mlxup|mlxfwreset|mstfwreset)(?:\.exe)?(?:\s|$))/gm;

export const withEsxiPrompts = (text: string): string => text.replace(ESXI_PROMPT, '$1# ');

/** The text layer's reading of an mst tool's output, ESXi's prompts read as prompts. */
export const mstText = (text: string, options?: Parameters<typeof cleanText>[1]): CleanText => cleanText(withEsxiPrompts(text), options);
