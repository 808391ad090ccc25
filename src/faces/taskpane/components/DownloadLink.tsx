/**
 * A link that saves bytes made in the page (a report template, an export) as a file. Downloads
 * work in Excel on the web and on Windows; Excel for Mac's web view does not save files (by
 * design, office-js issue #2700), hence the other ways offered next to each link.
 */
import { useEffect, useMemo } from 'react';

export function DownloadLink({ bytes, fileName, type, label }: { bytes: Uint8Array; fileName: string; type: string; label?: string }) {
  // One object URL per file, released when the link goes away.
  const url = useMemo(() => URL.createObjectURL(new Blob([bytes as BlobPart], { type })), [bytes, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={fileName}>
      {label ?? `Télécharger ${fileName}`}
    </a>
  );
}
