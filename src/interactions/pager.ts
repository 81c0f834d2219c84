import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { customId } from "./custom-id.ts";

/**
 * Previous/Next buttons for a paged message. The target page travels in the `custom_id`
 * (`<module>:<action>:<page>[:<arg>…]`), so a press needs no stored state.
 */
export function pagerRow(
  module: string,
  action: string,
  page: number,
  pages: number,
  ...args: string[]
): APIActionRowComponent<APIButtonComponent> {
  const button = (label: string, target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customId(module, action, target, ...args),
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button("Previous", page - 1, page === 0),
      button("Next", page + 1, page >= pages - 1),
    ],
  };
}
