import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A department's rooms as a list: add one by name, remove any; the same name twice is not added. */
export function RoomsEditor({ rooms, onChange }: { rooms: string[]; onChange(rooms: string[]): void }) {
  const { t } = useTranslation();
  const [room, setRoom] = useState('');
  const add = () => {
    const name = room.trim();
    if (!name) return;
    if (!rooms.some((other) => other.toLowerCase() === name.toLowerCase())) onChange([...rooms, name]);
    setRoom('');
  };
  return (
    <fieldset className="rooms-editor" aria-describedby="rooms-editor-hint">
      <legend>{t('admin.departments.rooms')}</legend>
      <p id="rooms-editor-hint" className="hint">
        {t('admin.departments.roomsHint')}
      </p>
      {rooms.length === 0 ? (
        <p>{t('admin.departments.noRooms')}</p>
      ) : (
        <ul aria-label={t('admin.departments.rooms')}>
          {rooms.map((name) => (
            <li key={name}>
              {name}{' '}
              <button
                type="button"
                className="link"
                onClick={() => onChange(rooms.filter((other) => other !== name))}
              >
                {t('admin.departments.removeRoom', { room: name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-room">
        <label>
          {t('admin.departments.newRoom')}{' '}
          <input
            value={room}
            onChange={(event) => setRoom(event.target.value)}
            onKeyDown={(event) => {
              // Enter adds the room rather than submitting the whole settings form.
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </label>{' '}
        <button type="button" onClick={add}>
          {t('admin.departments.addRoom')}
        </button>
      </div>
    </fieldset>
  );
}
