/**
 * A drop target for a file (`{@attach fileDrop(…)}`): says while a file is dragged over it, and hands over the
 * dropped file. The innermost target takes the drop, so a panel inside the terminal's target uploads it once.
 */
import type { Attachment } from 'svelte/attachments';

export function fileDrop(upload: (file: File) => void, dragging: (over: boolean) => void): Attachment<HTMLElement> {
  return (node) => {
    const over = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) {
        event.preventDefault();
        dragging(true);
      }
    };
    const leave = () => dragging(false);
    const drop = (event: DragEvent) => {
      event.preventDefault();
      event.stopPropagation();
      dragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) upload(file);
    };
    node.addEventListener('dragover', over);
    node.addEventListener('dragleave', leave);
    node.addEventListener('drop', drop);
    return () => {
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    };
  };
}
