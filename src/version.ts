/** The program's version, shown by --version and written into every seal (no imports: any module may use it). */
export const VERSION = '0.1.0';
