// How the site names things it links to. Pure.
import type { Organisation } from '../content/content-store.ts';

/** An organisation's name as pages print it: its official 名称, or its id when the file is missing. */
export const organisationName = (organisation: Pick<Organisation, '名称'> | undefined, id: string): string => organisation?.名称 ?? id;
